using System.Collections.Immutable;
using GeoStore.Abstractions.Catalog;
using GeoStore.Abstractions.Errors;
using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Abstractions.Options;
using GeoStore.Core.Leadership;
using GeoStore.Core.Replication;
using GeoStore.Core.Resolution;
using GeoStore.Core.Versioning;
using GeoStore.Grains.Observability;
using GeoStore.Grains.Replication;
using GeoStore.Grains.Transport;
using Microsoft.Extensions.Options;

namespace GeoStore.Grains.Leadership;

/// <summary>
/// What a deposed leader does when it learns of the failover: it finds the writes it made in its
/// epoch that the new leader never received (its log after the fork point the promotion recorded,
/// checked key by key against the new leader's replica), records each in the conflict log as
/// <see cref="ConflictKind.Orphaned"/> (the orphaned-writes log an operator reconciles, as GitHub had
/// to by hand), and makes every replica that still serves one take the new leader's state instead.
/// Idempotent: run again after a failure, it records nothing twice and changes nothing more.
/// </summary>
public sealed class OrphanMover(
    IGrainFactory grains,
    KeyspaceCache keyspaces,
    IRegionTransport transport,
    GeoStoreMetrics metrics,
    IOptions<GeoStoreOptions> options,
    TimeProvider time)
{
    /// <summary>Moves the orphans of <paramref name="deposed"/>, led by <paramref name="region"/>; false when a region it needs is unreachable (try again later).</summary>
    public async Task<bool> MoveAsync(string region, string keyspace, LeaderEpoch deposed, LeaderEpoch current)
    {
        await keyspaces.RefreshAsync();
        var definition = keyspaces.Snapshot.Find(keyspace);
        if (definition is null)
        {
            return true;
        }

        var fork = definition.Fork is { } f && f.From.Equals(deposed) ? f : null;
        var candidates = new List<(int Shard, LogEntry Entry)>();
        for (var shard = 0; shard < options.Value.LogShards; shard++)
        {
            var entries = await grains.GetGrain<ILogShardGrain>(ReplicationKeys.LogShard(region, shard))
                .EntriesOf(keyspace, deposed.Number, fork?.ReceivedIn(shard) ?? 0);
            candidates.AddRange(entries.Select(e => (shard, e)));
        }

        var complete = true;
        foreach (var perKey in candidates.GroupBy(c => c.Entry.Key, StringComparer.Ordinal))
        {
            try
            {
                // The new leader's word on the key: what it holds decides what was orphaned.
                var leader = await transport.ReadAsync(current.Leader, keyspace, perKey.Key);
                var orphans = perKey.Select(c => c.Entry).Where(e => !leader.Seen.Covers(e.Value.Version)).ToList();
                if (orphans.Count == 0)
                {
                    continue;
                }

                var shard = perKey.First().Shard;
                var record = new ConflictRecord(
                    keyspace, perKey.Key, region, "fencing", ConflictKind.Orphaned, leader.Value?.Version,
                    [.. orphans.Select(o => o.Value)], time.GetUtcNow().ToUnixTimeMilliseconds());
                await grains.GetGrain<IConflictLogGrain>(ReplicationKeys.LogShard(region, shard)).Record(record);
                metrics.RecordConflict(region, keyspace, "fencing", ConflictKind.Orphaned);

                var versions = orphans.Select(o => o.Value.Version).ToImmutableArray<WriteVersion>();
                foreach (var replica in definition.Policy.Regions)
                {
                    try
                    {
                        await transport.DropOrphanAsync(replica, keyspace, perKey.Key, versions, leader, current.Number);
                    }
                    catch (RegionUnavailableException)
                    {
                        complete = false;
                    }
                }
            }
            catch (RegionUnavailableException)
            {
                complete = false;
            }
        }

        return complete;
    }
}
