using GeoStore.Core.Causality;
using GeoStore.Core.Versioning;

namespace GeoStore.Core.Resolution;

/// <summary>
/// How a Custom keyspace settles concurrent writes. Its replicas keep every write no other write
/// has seen (the frontier, as a sibling set whose merge converges), and the value a replica serves
/// is the keyspace's choice over that frontier. Applying the choice pairwise as versions arrive
/// cannot converge for a rule that may prefer a write over a concurrent write's causal successor
/// (the flight rule prefers an earlier booking); applying it to the converged frontier always does.
/// </summary>
public static class FrontierChoice
{
    /// <summary>The survivor among the set's siblings (tombstones included); null for an empty set.</summary>
    public static VersionedValue? Choose(SiblingSet set, ConcurrentChoice choice) =>
        set.Siblings.Aggregate((VersionedValue?)null, (best, sibling) => best is null ? sibling.Value : choice(best, sibling.Value));
}
