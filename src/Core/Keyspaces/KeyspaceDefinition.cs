using GeoStore.Core.Chain;
using GeoStore.Core.Leadership;

namespace GeoStore.Core.Keyspaces;

/// <summary>
/// A named keyspace and its policy; <paramref name="Revision"/> grows with every change. A
/// SingleLeader keyspace carries its current <paramref name="Epoch"/> (fencing token and leader),
/// raised by every failover; <paramref name="Fork"/> is, per log shard, how far the promoted leader
/// had received the deposed leader's log when it was promoted: the deposed leader's entries of the
/// old epoch after that are orphans. <paramref name="Unfenced"/> marks a promotion made without a
/// new epoch (the unsafe demonstration of split brain).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record KeyspaceDefinition(
    [property: Id(0)] string Name,
    [property: Id(1)] KeyspacePolicy Policy,
    [property: Id(2)] long Revision,
    [property: Id(3)] LeaderEpoch? Epoch = null,
    [property: Id(4)] EpochFork? Fork = null,
    [property: Id(5)] bool Unfenced = false,
    [property: Id(6)] ChainMembership? Chain = null);
