using GeoStore.Abstractions.Catalog;
using GeoStore.Abstractions.Errors;
using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Core.Keyspaces;
using GeoStore.Grains.Chain;
using GeoStore.Grains.Leadership;
using GeoStore.Grains.Quorum;
using GeoStore.Grains.Regions;
using GeoStore.Grains.Transport;
using GeoStore.Grains.Wan;
using Orleans.Concurrency;

namespace GeoStore.Grains.Coordination;

/// <summary>
/// Runs client operations in the region of the silo it is on. A keyspace replicated here is read
/// and written here (multi-leader: the local replica serves); a keyspace not replicated here is
/// served by the nearest reachable replica region, through the region transport. A Leaderless
/// keyspace's operations run as quorum operations from here (<see cref="QuorumCoordinator"/>), a Chain
/// keyspace's go to its head and its members (<see cref="ChainCoordinator"/>). Reentrant: it
/// holds no state across awaits, and a request waiting on a slow WAN link must not hold up local ones.
/// </summary>
[StatelessWorker, Reentrant]
public sealed class KeyValueCoordinatorGrain(KeyspaceCache keyspaces, RegionDirectory regions, WanState wan, IRegionTransport transport, QuorumCoordinator quorum, SingleLeaderCoordinator leader, ChainCoordinator chain)
    : Grain, IKeyValueCoordinatorGrain
{
    public async Task<WriteResult> Write(WriteCommand command)
    {
        var policy = await PolicyOf(command.Keyspace);
        if (policy.Mode == ReplicationMode.Chain)
        {
            return await chain.WriteAsync(command);
        }

        if (policy.Mode == ReplicationMode.Leaderless)
        {
            return await quorum.WriteAsync(policy, command);
        }

        if (policy.Mode == ReplicationMode.SingleLeader)
        {
            return await leader.WriteAsync(policy, command);
        }

        return await transport.WriteAsync(ServingRegion(policy), command);
    }

    public async Task<WriteResult> Update(CrdtCommand command) =>
        await transport.UpdateAsync(ServingRegion(await PolicyOf(command.Keyspace)), command);

    public Task<ReadResult> Read(string keyspace, string key) => Read(keyspace, key, ReadOptions.Any);

    public async Task<ReadResult> Read(string keyspace, string key, ReadOptions options)
    {
        var policy = await PolicyOf(keyspace);
        if (policy.Mode == ReplicationMode.Chain)
        {
            return await chain.ReadAsync(keyspace, key);
        }

        if (policy.Mode == ReplicationMode.Leaderless)
        {
            return await quorum.ReadAsync(policy, keyspace, key, options);
        }

        var region = ServingRegion(policy);
        if (options.After is { } after && !await transport.AwaitSeenAsync(region, keyspace, key, after, options.Wait))
        {
            throw new StaleReadException(region, after, options.Wait);
        }

        var read = await transport.ReadAsync(region, keyspace, key);
        var lag = policy.Mode == ReplicationMode.SingleLeader && region == regions.LocalRegion ? await leader.LagAsync(keyspace, key) : null;
        return new ReadResult(read.Value, region, read.Seen, read.Merged, Lag: lag);
    }

    public Task<string> GetRegion() => Task.FromResult(regions.LocalRegion);

    public Task<IReadOnlyList<RegionSilos>> GetRegionSilos() =>
        Task.FromResult<IReadOnlyList<RegionSilos>>([.. regions.AllRegions.Select(r =>
            new RegionSilos(r, [.. regions.LiveSilos(r).Select(s => s.ToParsableString())]))]);

    private async Task<KeyspacePolicy> PolicyOf(string keyspace) =>
        (await keyspaces.FindAsync(keyspace) ?? throw new KeyspaceNotFoundException(keyspace)).Policy;

    private string ServingRegion(KeyspacePolicy policy) =>
        policy.IsReplicaIn(regions.LocalRegion) ? regions.LocalRegion : Nearest(policy);

    private string Nearest(KeyspacePolicy policy)
    {
        var model = wan.Model;
        var local = regions.LocalRegion;
        return policy.Regions
            .OrderBy(r => model.Link(local, r).Cut || model.Link(r, local).Cut || !regions.HasLiveSilo(r))
            .ThenBy(r => model.Link(local, r).LatencyMs + model.Link(r, local).LatencyMs)
            .First();
    }
}
