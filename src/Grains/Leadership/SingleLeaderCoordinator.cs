using GeoStore.Abstractions.Catalog;
using GeoStore.Abstractions.Errors;
using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Abstractions.Options;
using GeoStore.Core.Keyspaces;
using GeoStore.Core.Leadership;
using GeoStore.Core.Replication;
using GeoStore.Grains.Regions;
using GeoStore.Grains.Replication;
using GeoStore.Grains.Transport;
using Microsoft.Extensions.Options;

namespace GeoStore.Grains.Leadership;

/// <summary>
/// Client operations of SingleLeader keyspaces from the region they arrive in. Writes are forwarded
/// to the leader this region believes in (one hop; the answer names the leader and the epoch), so
/// clients need not track failovers; a deposed leader's region fences them. Reads are served by the
/// local replica, with how far behind the leader it is.
/// </summary>
public sealed class SingleLeaderCoordinator(
    IGrainFactory grains,
    KeyspaceCache keyspaces,
    RegionDirectory regions,
    IRegionTransport transport,
    IOptions<GeoStoreOptions> options)
{
    public async Task<WriteResult> WriteAsync(KeyspacePolicy policy, WriteCommand command)
    {
        var leader = (await EpochAsync(policy, command.Keyspace)).Leader;
        try
        {
            return string.Equals(leader, regions.LocalRegion, StringComparison.Ordinal)
                ? await grains.GetGrain<ILeaderWriteGrain>(ReplicationKeys.LogShard(leader, ShardMap.ShardOf(command.Keyspace, command.Key, options.Value.LogShards))).Write(command)
                : await transport.WriteAtLeaderAsync(leader, command);
        }
        catch (FencedException fenced) when (policy.IsReplicaIn(regions.LocalRegion))
        {
            // The region written to knows a newer leader than this one does: learn it, so the next
            // write goes there; this one is answered 409 naming the current leader (never retried
            // blindly: the client decides).
            await grains.GetGrain<ILeadershipGrain>(LeadershipKey.Format(regions.LocalRegion, command.Keyspace)).Observe(fenced.Current, unfenced: false);
            throw;
        }
    }

    /// <summary>How far the local replica of the key is behind its leader: the inbox of the key's shard from the leader.</summary>
    public async Task<FollowerLag> LagAsync(string keyspace, string key)
    {
        var view = await grains.GetGrain<ILeadershipGrain>(LeadershipKey.Format(regions.LocalRegion, keyspace)).Current();
        var epoch = view.Epoch;
        if (string.Equals(epoch.Leader, regions.LocalRegion, StringComparison.Ordinal))
        {
            return new FollowerLag(epoch, 0, 0);
        }

        var shard = ShardMap.ShardOf(keyspace, key, options.Value.LogShards);
        var progress = await grains.GetGrain<IReplicationInboxGrain>(ReplicationKeys.Inbox(regions.LocalRegion, epoch.Leader, shard)).GetProgress();
        // Contact is the newer of the last batch of this shard and the leader's last heartbeat.
        long? contact = (progress.MillisecondsSinceContact, view.SilenceMs) switch
        {
            ({ } batch, { } beat) => Math.Min(batch, beat),
            (var batch, var beat) => batch ?? beat,
        };
        return new FollowerLag(epoch, progress.EntriesBehind, contact);
    }

    /// <summary>The epoch this region holds; a region that is not a replica goes by the catalog.</summary>
    private async Task<LeaderEpoch> EpochAsync(KeyspacePolicy policy, string keyspace)
    {
        if (policy.IsReplicaIn(regions.LocalRegion))
        {
            return (await grains.GetGrain<ILeadershipGrain>(LeadershipKey.Format(regions.LocalRegion, keyspace)).Current()).Epoch;
        }

        var definition = await keyspaces.FindAsync(keyspace);
        return definition?.Epoch ?? throw new InvalidOperationException($"Keyspace '{keyspace}' has no leader epoch.");
    }
}
