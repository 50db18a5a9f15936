using System.Collections.Immutable;

namespace GeoStore.Core.Causality;

public sealed partial record SiblingSet
{
    /// <summary>
    /// Joins two replicas' states of one key. A sibling of either side survives when the other side
    /// holds it too or has not seen its dot; one the other side has seen but no longer holds was
    /// replaced there. The context is the join of both contexts.
    /// </summary>
    /// <remarks>
    /// Commutative, associative and idempotent, so replicas converge whatever order, and however
    /// often, states arrive. Two requirements make it so: a dot names one write everywhere (equal
    /// dots carry equal values; this keeps <paramref name="a"/>'s copy), and states travel whole,
    /// never as deltas, because a context that covers a dot stands for every earlier dot of its
    /// region too. The result may exceed the sibling cap; merges never drop siblings (see
    /// <see cref="CheckCap"/>).
    /// </remarks>
    public static SiblingSet Merge(SiblingSet a, SiblingSet b) => MergeWithReport(a, b).Result;

    /// <summary>
    /// <see cref="Merge"/> of an incoming state into this replica's, reporting which of
    /// <paramref name="current"/>'s siblings the incoming state superseded and which incoming
    /// siblings are new here, so the caller can log conflicts (<see cref="SiblingMerge.IsConflict"/>).
    /// </summary>
    public static SiblingMerge MergeWithReport(SiblingSet current, SiblingSet incoming)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(incoming);

        var merged = ImmutableArray.CreateBuilder<Sibling>(current.Siblings.Length + incoming.Siblings.Length);
        var dropped = ImmutableArray.CreateBuilder<Sibling>();
        var added = ImmutableArray.CreateBuilder<Sibling>();
        var (ours, theirs) = (current.Siblings, incoming.Siblings);
        int i = 0, j = 0;

        // Both arrays are sorted by dot, so one pass pairs equal dots and visits the rest in order.
        while (i < ours.Length || j < theirs.Length)
        {
            var order = i == ours.Length ? 1
                : j == theirs.Length ? -1
                : ours[i].Dot.CompareTo(theirs[j].Dot);
            if (order == 0)
            {
                merged.Add(ours[i]);
                i++;
                j++;
            }
            else if (order < 0)
            {
                var sibling = ours[i++];
                (incoming.Context.Covers(sibling.Dot) ? dropped : merged).Add(sibling);
            }
            else
            {
                var sibling = theirs[j++];
                if (!current.Context.Covers(sibling.Dot))
                {
                    merged.Add(sibling);
                    added.Add(sibling);
                }
            }
        }

        var result = new SiblingSet(merged.DrainToImmutable(), current.Context.Join(incoming.Context));
        return new SiblingMerge(result, dropped.DrainToImmutable(), added.DrainToImmutable());
    }
}
