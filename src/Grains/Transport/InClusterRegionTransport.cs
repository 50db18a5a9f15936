using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Core.Replication;
using GeoStore.Core.Versioning;
using GeoStore.Grains.Registers;
using GeoStore.Grains.Replication;

namespace GeoStore.Grains.Transport;

/// <summary>
/// The region transport inside one Orleans cluster: plain grain calls to the target region's
/// grains. The WAN between regions is applied to these calls by <see cref="Wan.WanCallFilter"/>.
/// </summary>
public sealed class InClusterRegionTransport(IGrainFactory grains) : IRegionTransport
{
    public Task<long> ShipAsync(string region, ReplicationBatch batch) =>
        grains.GetGrain<IReplicationInboxGrain>(ReplicationKeys.Inbox(region, batch.Origin, batch.Shard)).Apply(batch);

    public Task<WriteResult> WriteAsync(string region, WriteCommand command) =>
        Register(region, command.Keyspace, command.Key).Write(command);

    public Task<PreparedWrite> WriteForQuorumAsync(string region, WriteCommand command, WriteVersion? above) =>
        Register(region, command.Keyspace, command.Key).WriteForQuorum(command, above);

    public Task<WriteResult> UpdateAsync(string region, CrdtCommand command) =>
        Register(region, command.Keyspace, command.Key).Update(command);

    public Task<bool> ApplyAsync(string region, LogEntry entry) =>
        Register(region, entry.Keyspace, entry.Key).ApplyReplicated(entry);

    public Task<ReplicaRead> ReadAsync(string region, string keyspace, string key) =>
        Register(region, keyspace, key).Read();

    public Task<bool> AwaitSeenAsync(string region, string keyspace, string key, WriteVersion version, TimeSpan timeout) =>
        Register(region, keyspace, key).AwaitSeen(version, timeout);

    private IRegisterGrain Register(string region, string keyspace, string key) =>
        grains.GetGrain<IRegisterGrain>(RegisterKey.Format(region, keyspace, key));
}
