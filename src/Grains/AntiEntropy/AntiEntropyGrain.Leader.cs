using System.Collections.Immutable;
using GeoStore.Abstractions.Errors;
using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Core.Keyspaces;
using GeoStore.Core.Replication;
using GeoStore.Core.Resolution;
using GeoStore.Grains.Registers;
using GeoStore.Grains.Replication;

namespace GeoStore.Grains.AntiEntropy;

public sealed partial class AntiEntropyGrain
{
    /// <summary>
    /// After a failover of a SingleLeader keyspace, from a follower: walks this replica's tree
    /// against the new leader's, and every differing key gives way to the leader's state
    /// (<see cref="IRegisterGrain.Adopt"/>). A follower that lagged the promoted one gets what the old
    /// leader can no longer send; one that had received more gives up those writes, recorded as
    /// orphaned. Idempotent: a second walk finds nothing to change.
    /// </summary>
    public async Task<PeerRepair> AdoptFromLeader(string leader, long epoch)
    {
        var definition = keyspaces.Snapshot.Find(_key.Keyspace) ?? await keyspaces.FindAsync(_key.Keyspace)
            ?? throw new KeyspaceNotFoundException(_key.Keyspace);
        if (definition.Policy.Mode != ReplicationMode.SingleLeader)
        {
            throw new InvalidKeyspaceException(_key.Keyspace, ImmutableDictionary<string, string[]>.Empty.Add(
                "mode", [$"Only a SingleLeader keyspace adopts its leader's state; '{_key.Keyspace}' is {definition.Policy.Mode}."]));
        }

        var local = await BuildTreeAsync(CancellationToken.None);
        var report = await RepairWithAsync(leader, local, [], key => AdoptKeyAsync(leader, key, epoch));
        metrics.RecordAntiEntropyRound(_key.Region, _key.Keyspace, leader, report.Succeeded, report.KeysRepaired);
        return report;
    }

    private async Task<bool> AdoptKeyAsync(string leader, string key, long epoch)
    {
        var state = await transport.ReadAsync(leader, _key.Keyspace, key);
        var result = await GrainFactory.GetGrain<IRegisterGrain>(RegisterKey.Format(_key.Region, _key.Keyspace, key)).Adopt(state, epoch);
        if (result.Orphan is { } orphan)
        {
            var record = new ConflictRecord(
                _key.Keyspace, key, orphan.Version.Region, "fencing", ConflictKind.Orphaned, state.Value?.Version, [orphan], time.GetUtcNow().ToUnixTimeMilliseconds());
            var shard = ShardMap.ShardOf(_key.Keyspace, key, options.Value.LogShards);
            await GrainFactory.GetGrain<IConflictLogGrain>(ReplicationKeys.LogShard(_key.Region, shard)).Record(record);
            metrics.RecordConflict(_key.Region, _key.Keyspace, "fencing", ConflictKind.Orphaned);
        }

        return result.Changed;
    }
}
