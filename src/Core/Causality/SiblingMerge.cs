using System.Collections.Immutable;

namespace GeoStore.Core.Causality;

/// <summary>
/// The outcome of <see cref="SiblingSet.MergeWithReport"/>: the merged set, the siblings of the
/// current state that the incoming one superseded (<paramref name="Dropped"/>), and the incoming
/// siblings that were new here (<paramref name="Added"/>).
/// </summary>
public sealed record SiblingMerge(SiblingSet Result, ImmutableArray<Sibling> Dropped, ImmutableArray<Sibling> Added)
{
    /// <summary>
    /// True when the merge brought in a live sibling and left two or more live siblings: writes in
    /// different regions were concurrent, and readers will now see them side by side.
    /// </summary>
    public bool IsConflict => Result.LiveCount >= 2 && Added.Any(sibling => !sibling.IsTombstone);
}
