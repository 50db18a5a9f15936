using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Abstractions.Options;
using GeoStore.Core.Versioning;
using GeoStore.Grains.Placement;
using GeoStore.Grains.Replication;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace GeoStore.Grains.Regions;

/// <summary>
/// A region's master: sums its log shards into one position and one lag figure per peer, and its
/// inboxes into the newest write applied from each region.
/// </summary>
[RegionPlacement, Reentrant]
public sealed class RegionGrain(IOptions<GeoStoreOptions> options) : Grain, IRegionGrain
{
    public async Task<RegionStatus> GetStatus()
    {
        var region = this.GetPrimaryKeyString();
        var shards = await Task.WhenAll(Enumerable.Range(0, options.Value.LogShards)
            .Select(shard => GrainFactory.GetGrain<ILogShardGrain>(ReplicationKeys.LogShard(region, shard)).GetStatus()));

        var peers = shards
            .SelectMany(s => s.Peers)
            .GroupBy(p => p.Peer, StringComparer.Ordinal)
            .Select(g => new PeerLag(g.Key, g.Sum(p => p.EntriesBehind), g.Max(p => p.MillisecondsBehind)))
            .OrderBy(p => p.Peer, StringComparer.Ordinal);
        var hints = await GrainFactory.GetGrain<IHintsGrain>(region).GetBacklog();
        var inboxes = await Task.WhenAll(
            from peer in options.Value.RegionList.Where(r => !string.Equals(r, region, StringComparison.Ordinal))
            from shard in Enumerable.Range(0, options.Value.LogShards)
            select GrainFactory.GetGrain<IReplicationInboxGrain>(ReplicationKeys.Inbox(region, peer, shard)).GetNewestApplied());
        var applied = inboxes.Aggregate(TimestampVector.Empty, (all, one) => all.Join(one));
        return new RegionStatus(region, shards.Sum(s => s.LastSequence), [.. peers], [.. hints], applied);
    }
}
