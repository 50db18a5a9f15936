namespace GeoStore.Core.Keyspaces;

/// <summary>Which regions ship their log to which in a multi-leader keyspace.</summary>
public enum ReplicationTopology
{
    AllToAll,
    Ring,
    Star,
}
