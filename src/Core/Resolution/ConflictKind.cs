namespace GeoStore.Core.Resolution;

/// <summary>What a resolution did with concurrent writes.</summary>
public enum ConflictKind
{
    /// <summary>One version survived and the others were discarded (Lww or a custom resolver).</summary>
    Discarded,

    /// <summary>Concurrent writes were kept side by side as siblings for a client to merge (MultiValue).</summary>
    Siblings,

    /// <summary>Concurrent updates were merged by the keyspace's CRDT, nothing lost.</summary>
    Merged,

    /// <summary>
    /// A deposed SingleLeader leader's write that the promoted leader never received (acknowledged
    /// under Async, or not acknowledged at all): kept here for an operator, not applied anywhere.
    /// </summary>
    Orphaned,
}
