using System.Collections.Immutable;
using GeoStore.Core.Versioning;

namespace GeoStore.Core.Causality;

public sealed partial record SiblingSet
{
    /// <summary>
    /// Applies a write (or, with a tombstone, a delete) accepted in <paramref name="region"/>, this
    /// replica's region. The write gets the dot (<paramref name="region"/>, <c>Context[region] + 1</c>);
    /// it replaces the siblings whose dots <paramref name="seen"/> covers and keeps the others, which
    /// are concurrent with what the writer knew. The new context is
    /// <c>Context ⊔ seen ⊔ {dot}</c>, so a replaced sibling that reaches this replica later is dropped.
    /// </summary>
    /// <param name="seen">
    /// The causal context the client read (<see cref="VersionVector.Empty"/> for a blind write, which
    /// removes nothing). It is trusted: a context naming writes that never happened would hide them
    /// when they do, which is why tokens come only from reads.
    /// </param>
    /// <param name="region">The region accepting the write; dots are unique only if every write to
    /// this key in this region goes through this set.</param>
    /// <param name="value">The written value, or a tombstone for a delete.</param>
    /// <remarks>Call <see cref="CheckCap"/> first: Update itself never refuses.</remarks>
    public SiblingUpdate Update(VersionVector seen, string region, VersionedValue value)
    {
        ArgumentNullException.ThrowIfNull(seen);
        ArgumentException.ThrowIfNullOrEmpty(region);
        ArgumentNullException.ThrowIfNull(value);

        var dot = new Dot(region, Context[region] + 1);
        var kept = ImmutableArray.CreateBuilder<Sibling>(Siblings.Length + 1);
        var replaced = ImmutableArray.CreateBuilder<Sibling>();
        foreach (var sibling in Siblings)
        {
            (seen.Covers(sibling.Dot) ? replaced : kept).Add(sibling);
        }

        kept.Add(new Sibling(dot, value));
        var result = new SiblingSet(kept.DrainToImmutable(), Context.Join(seen).With(dot));
        return new SiblingUpdate(result, dot, replaced.DrainToImmutable());
    }

    /// <summary>
    /// Whether a local write carrying <paramref name="seen"/> would leave more than
    /// <paramref name="maxSiblings"/> siblings (tombstones count: they take space and are shown to
    /// readers like values).
    /// </summary>
    /// <remarks>
    /// The store's rule: a local write that would exceed the cap is refused with
    /// <see cref="SiblingCapCheck.Error"/>, which tells the client to read the key and write back
    /// with the causal context of that read, so the write replaces what it saw. Replication merges
    /// never drop a sibling to honour the cap: a pruning rule applied at each replica would make
    /// replicas that saw different sets prune differently, and they would never converge. Because a
    /// region's own writes are the only source of its dots, a key holds at most
    /// <paramref name="maxSiblings"/> siblings per writing region even in the worst case.
    /// </remarks>
    public static SiblingCapCheck CheckCap(SiblingSet current, VersionVector seen, int maxSiblings)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(seen);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSiblings, 1);

        var after = 1;
        foreach (var sibling in current.Siblings)
        {
            after += seen.Covers(sibling.Dot) ? 0 : 1;
        }

        return new SiblingCapCheck(after, maxSiblings);
    }
}
