namespace GeoStore.Core.Crdts;

/// <summary>The kind of conflict-free replicated data type a key of a CRDT keyspace holds.</summary>
public enum CrdtType
{
    /// <summary>A counter that goes up and down; no increment is lost.</summary>
    PnCounter,

    /// <summary>A set of strings where an add wins over a concurrent remove.</summary>
    OrSet,

    /// <summary>A register whose latest assignment (hybrid timestamp, then region) wins.</summary>
    LwwRegister,

    /// <summary>A register that keeps every concurrently assigned value.</summary>
    MvRegister,

    /// <summary>Named fields, each a counter, set or last-writer-wins register.</summary>
    Map,
}
