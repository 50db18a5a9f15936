using GeoStore.Core.Keys;

namespace GeoStore.Core.Crdts;

/// <summary>Bounds on one CRDT operation, checked before an operation reaches a grain.</summary>
public static class CrdtLimits
{
    public const int MaxElementLength = 1024;
    public const int MaxElementsPerOperation = 1000;
    public const int MaxFieldNameLength = 256;
    public const int MaxOperationsPerBatch = 100;

    /// <summary>UTF-8 bytes of an assigned value in compact JSON; the same bound as a plain value.</summary>
    public const int MaxValueBytes = KeyRules.DefaultMaxValueBytes;
}
