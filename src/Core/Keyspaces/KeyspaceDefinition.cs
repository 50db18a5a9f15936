using System.Collections.Immutable;
using GeoStore.Core.Chain;
using GeoStore.Core.Leadership;

namespace GeoStore.Core.Keyspaces;

/// <summary>
/// A named keyspace and its policy; <paramref name="Revision"/> grows with every change. A
/// SingleLeader keyspace carries its current <paramref name="Epoch"/> (fencing token and leader),
/// raised by every failover; <paramref name="Fork"/> is, per log shard, how far the promoted leader
/// had received the deposed leader's log when it was promoted: the deposed leader's entries of the
/// old epoch after that are orphans. <paramref name="Unfenced"/> marks a promotion made without a
/// new epoch (the unsafe demonstration of split brain). <paramref name="Forks"/> keeps the fork of
/// every deposed epoch (the latest is <paramref name="Fork"/>): an entry of any old epoch is judged
/// against its own epoch's fork, however many failovers came after it.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record KeyspaceDefinition(
    [property: Id(0)] string Name,
    [property: Id(1)] KeyspacePolicy Policy,
    [property: Id(2)] long Revision,
    [property: Id(3)] LeaderEpoch? Epoch = null,
    [property: Id(4)] EpochFork? Fork = null,
    [property: Id(5)] bool Unfenced = false,
    [property: Id(6)] ChainMembership? Chain = null,
    [property: Id(7)] ImmutableList<EpochFork>? Forks = null)
{
    /// <summary>Where the promotion that deposed <paramref name="deposed"/> forked history; null when it was never deposed (or by an unfenced promotion only).</summary>
    public EpochFork? ForkOf(LeaderEpoch deposed)
    {
        ArgumentNullException.ThrowIfNull(deposed);
        return Forks?.Find(f => f.From.Equals(deposed)) ?? (Fork is { } latest && latest.From.Equals(deposed) ? latest : null);
    }
}
