namespace GeoStore.Core.Leadership;

/// <summary>
/// A deposed leader's log entries split by what the new leader holds: <paramref name="Received"/>
/// (the common prefix, same positions in both logs) and <paramref name="Orphaned"/> (the divergent
/// suffix, which goes to the orphaned-writes log). Both keep log order; together they are the input.
/// </summary>
/// <typeparam name="TEntry">The log's entry type.</typeparam>
public sealed record OrphanSplit<TEntry>(IReadOnlyList<TEntry> Received, IReadOnlyList<TEntry> Orphaned)
{
    /// <summary>True when the new leader holds every entry: nothing to move.</summary>
    public bool IsEmpty => Orphaned.Count == 0;
}
