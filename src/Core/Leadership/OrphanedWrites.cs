using System.Globalization;

namespace GeoStore.Core.Leadership;

/// <summary>
/// Finds a deposed (zombie) leader's writes that the new leader never received, so they move to the
/// orphaned-writes log instead of being dropped when the old leader rejoins as a follower.
/// </summary>
/// <remarks>
/// An entry is identified by its <see cref="LogPosition"/>: an epoch has one leader, which numbers
/// its entries once, so the same position in two logs is the same entry, and (as in Raft's log
/// matching) two logs that share a position share everything before it. The entries the new
/// leader holds are therefore a prefix of the old leader's log, and the orphans the rest.
/// </remarks>
public static class OrphanedWrites
{
    /// <summary>
    /// Splits <paramref name="oldLeaderLog"/> into the entries the new leader holds and the orphans.
    /// </summary>
    /// <param name="oldLeaderLog">
    /// The old leader's entries from some sequence on (typically after the promoted follower's
    /// received position, or everything not known to be shipped), in log order.
    /// </param>
    /// <param name="positionOf">The log position of an entry.</param>
    /// <param name="newLeaderLog">
    /// The positions of the entries the new leader holds, at least over the range
    /// <paramref name="oldLeaderLog"/> covers; in any order.
    /// </param>
    /// <exception cref="ArgumentException">
    /// The old log is out of order (sequences must increase, epochs never fall), or a held entry
    /// follows one the new leader lacks: the positions do not cover the old log's range, or the logs
    /// were written without fencing.
    /// </exception>
    public static OrphanSplit<TEntry> Split<TEntry>(
        IEnumerable<TEntry> oldLeaderLog,
        Func<TEntry, LogPosition> positionOf,
        IEnumerable<LogPosition> newLeaderLog)
    {
        ArgumentNullException.ThrowIfNull(oldLeaderLog);
        ArgumentNullException.ThrowIfNull(positionOf);
        ArgumentNullException.ThrowIfNull(newLeaderLog);

        var held = newLeaderLog.ToHashSet();
        var received = new List<TEntry>();
        var orphaned = new List<TEntry>();
        LogPosition? previous = null;
        foreach (var entry in oldLeaderLog)
        {
            var position = positionOf(entry);
            if (previous is { } before && (position.Sequence <= before.Sequence || position.Epoch < before.Epoch))
            {
                throw new ArgumentException(Format($"The old leader's log is out of order: {position} follows {before}."), nameof(oldLeaderLog));
            }

            previous = position;
            if (!held.Contains(position))
            {
                orphaned.Add(entry);
                continue;
            }

            if (orphaned.Count > 0)
            {
                throw new ArgumentException(
                    Format($"The new leader holds {position} but not the earlier {positionOf(orphaned[0])}: its positions do not cover the old log's range, or the logs diverged without fencing."),
                    nameof(newLeaderLog));
            }

            received.Add(entry);
        }

        return new OrphanSplit<TEntry>(received, orphaned);
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
