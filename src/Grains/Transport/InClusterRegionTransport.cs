using System.Collections.Immutable;
using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Abstractions.Options;
using GeoStore.Core.AntiEntropy;
using GeoStore.Core.Chain;
using GeoStore.Core.Leadership;
using GeoStore.Core.Replication;
using GeoStore.Core.Versioning;
using GeoStore.Grains.AntiEntropy;
using GeoStore.Grains.Chain;
using GeoStore.Grains.Leadership;
using GeoStore.Grains.Registers;
using GeoStore.Grains.Replication;
using Microsoft.Extensions.Options;

namespace GeoStore.Grains.Transport;

/// <summary>
/// The region transport inside one Orleans cluster: plain grain calls to the target region's
/// grains. The WAN between regions is applied to these calls by <see cref="Wan.WanCallFilter"/>.
/// </summary>
public sealed class InClusterRegionTransport(IGrainFactory grains, IOptions<GeoStoreOptions> options) : IRegionTransport
{
    private readonly int _shards = options.Value.LogShards;

    public Task<long> ShipAsync(string region, ReplicationBatch batch) =>
        grains.GetGrain<IReplicationInboxGrain>(ReplicationKeys.Inbox(region, batch.Origin, batch.Shard)).Apply(batch);

    public Task<WriteResult> WriteAsync(string region, WriteCommand command) =>
        Register(region, command.Keyspace, command.Key).Write(command);

    public Task<PreparedWrite> WriteForQuorumAsync(string region, WriteCommand command, LogEntry? newest) =>
        Register(region, command.Keyspace, command.Key).WriteForQuorum(command, newest);

    public Task<WriteResult> UpdateAsync(string region, CrdtCommand command) =>
        Register(region, command.Keyspace, command.Key).Update(command);

    public Task<bool> ApplyAsync(string region, LogEntry entry) =>
        Register(region, entry.Keyspace, entry.Key).ApplyReplicated(entry);

    public Task<ReplicaRead> ReadAsync(string region, string keyspace, string key) =>
        Register(region, keyspace, key).Read();

    public Task<bool> AwaitSeenAsync(string region, string keyspace, string key, WriteVersion version, TimeSpan timeout) =>
        Register(region, keyspace, key).AwaitSeen(version, timeout);

    public Task<MerkleSnapshot> MerkleSnapshotAsync(string region, string keyspace) =>
        AntiEntropy(region, keyspace).Snapshot();

    public Task<MerkleLevel> MerkleLevelAsync(string region, string keyspace, Guid snapshot, MerkleLevelRequest request) =>
        AntiEntropy(region, keyspace).Level(snapshot, request);

    public Task<ImmutableArray<KeyDigest>> KeyDigestsInAsync(string region, string keyspace, ImmutableArray<HashRange> ranges) =>
        AntiEntropy(region, keyspace).DigestsIn(ranges);

    public Task<ImmutableArray<KeyDigest>> KeyDigestsOfAsync(string region, string keyspace, ImmutableArray<string> keys) =>
        AntiEntropy(region, keyspace).DigestsOf(keys);

    public Task<bool> PurgeTombstoneAsync(string region, string keyspace, string key, WriteVersion version, ulong digest) =>
        Register(region, keyspace, key).PurgeTombstone(version, digest);

    public Task<WriteResult> WriteAtLeaderAsync(string region, WriteCommand command) =>
        grains.GetGrain<ILeaderWriteGrain>(ReplicationKeys.LogShard(region, ShardMap.ShardOf(command.Keyspace, command.Key, _shards))).Write(command);

    public Task<FencingDecision> ObserveEpochAsync(string region, string keyspace, LeaderEpoch epoch, bool unfenced) =>
        Leadership(region, keyspace).Observe(epoch, unfenced);

    public Task<FollowerStanding> StandingAsync(string region, string keyspace) =>
        Leadership(region, keyspace).Standing();

    public Task<FollowerStanding> PrepareAsync(string region, string keyspace, LeaderEpoch expected, Guid ballot) =>
        Leadership(region, keyspace).Prepare(expected, ballot);

    public Task ReleaseAsync(string region, string keyspace, Guid ballot) =>
        Leadership(region, keyspace).Release(ballot);

    public Task<long?> SilenceAsync(string region, string keyspace) =>
        Leadership(region, keyspace).SilenceMilliseconds();

    public Task<bool> DropOrphanAsync(string region, string keyspace, string key, ImmutableArray<WriteVersion> orphans, ReplicaRead leader, long epoch) =>
        Register(region, keyspace, key).DropOrphan(orphans, leader, epoch);

    private ILeadershipGrain Leadership(string region, string keyspace) =>
        grains.GetGrain<ILeadershipGrain>(LeadershipKey.Format(region, keyspace));

    private IAntiEntropyGrain AntiEntropy(string region, string keyspace) =>
        grains.GetGrain<IAntiEntropyGrain>(AntiEntropyKey.Format(region, keyspace));

    private IRegisterGrain Register(string region, string keyspace, string key) =>
        grains.GetGrain<IRegisterGrain>(RegisterKey.Format(region, keyspace, key));

    public Task<WriteResult> ChainWriteAsync(string region, ChainMembership chain, Guid writeId, WriteCommand command) =>
        ChainReplica(region, command.Keyspace, command.Key).Write(chain, writeId, command);

    public Task<long> ChainForwardAsync(string region, string keyspace, string key, ChainMembership chain, ImmutableArray<CraqVersion<ChainWrite>> updates) =>
        ChainReplica(region, keyspace, key).Forward(chain, updates);

    public Task<ChainReplicaRead> ChainReadAsync(string region, string keyspace, string key, ChainMembership chain) =>
        ChainReplica(region, keyspace, key).Read(chain);

    public Task<long> ChainCommittedAsync(string region, string keyspace, string key, ChainMembership chain) =>
        ChainReplica(region, keyspace, key).CommittedSequence(chain);

    public Task<ChainKeyReplica> ChainSnapshotAsync(string region, string keyspace, string key, ChainMembership chain) =>
        ChainReplica(region, keyspace, key).Snapshot(chain);

    private IChainReplicaGrain ChainReplica(string region, string keyspace, string key) =>
        grains.GetGrain<IChainReplicaGrain>(ChainKey.Format(region, keyspace, key));
}
