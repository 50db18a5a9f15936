namespace GeoStore.Core.Keyspaces;

/// <summary>How concurrent writes to one key in different regions are reconciled.</summary>
public enum ConflictResolver
{
    Lww,
    MultiValue,
    Crdt,
    Custom,
}
