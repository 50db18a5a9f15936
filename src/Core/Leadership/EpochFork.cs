using System.Collections.Immutable;

namespace GeoStore.Core.Leadership;

/// <summary>
/// Where a promotion forked a SingleLeader keyspace's history: the deposed epoch
/// <paramref name="From"/> and, per log shard of its leader's region, the sequence through which the
/// promoted follower had received that leader's log (<paramref name="ReceivedThrough"/>; a shard
/// missing from it had nothing received). The deposed leader's entries of <paramref name="From"/>
/// after those sequences never reached the new leader: they are orphaned writes.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record EpochFork(
    [property: Id(0)] LeaderEpoch From,
    [property: Id(1)] ImmutableDictionary<int, long> ReceivedThrough)
{
    /// <summary>How far the new leader had received shard <paramref name="shard"/> of the deposed leader's log.</summary>
    public long ReceivedIn(int shard) => ReceivedThrough.GetValueOrDefault(shard);

    /// <summary>
    /// True when an entry the deposed leader wrote at <paramref name="sequence"/> of shard
    /// <paramref name="shard"/> under <paramref name="epoch"/> never reached the new leader.
    /// </summary>
    public bool IsOrphan(LeaderEpoch epoch, int shard, long sequence) =>
        epoch.Number <= From.Number && sequence > ReceivedIn(shard);
}
