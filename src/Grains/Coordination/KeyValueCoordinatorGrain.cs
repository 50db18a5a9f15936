using GeoStore.Abstractions.Catalog;
using GeoStore.Abstractions.Errors;
using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Core.Keyspaces;
using GeoStore.Grains.Regions;
using GeoStore.Grains.Transport;
using GeoStore.Grains.Wan;
using Orleans.Concurrency;

namespace GeoStore.Grains.Coordination;

/// <summary>
/// Runs client operations in the region of the silo it is on. A keyspace replicated here is read
/// and written here (multi-leader: the local replica serves); a keyspace not replicated here is
/// served by the nearest reachable replica region, through the region transport. Reentrant: it
/// holds no state across awaits, and a request waiting on a slow WAN link must not hold up local ones.
/// </summary>
[StatelessWorker, Reentrant]
public sealed class KeyValueCoordinatorGrain(KeyspaceCache keyspaces, RegionDirectory regions, WanState wan, IRegionTransport transport)
    : Grain, IKeyValueCoordinatorGrain
{
    public async Task<WriteResult> Write(WriteCommand command)
    {
        var region = await ServingRegion(command.Keyspace);
        return await transport.WriteAsync(region, command);
    }

    public async Task<WriteResult> Update(CrdtCommand command)
    {
        var region = await ServingRegion(command.Keyspace);
        return await transport.UpdateAsync(region, command);
    }

    public Task<ReadResult> Read(string keyspace, string key) => Read(keyspace, key, ReadOptions.Any);

    public async Task<ReadResult> Read(string keyspace, string key, ReadOptions options)
    {
        var region = await ServingRegion(keyspace);
        if (options.After is { } after && !await transport.AwaitSeenAsync(region, keyspace, key, after, options.Wait))
        {
            throw new StaleReadException(region, after, options.Wait);
        }

        var read = await transport.ReadAsync(region, keyspace, key);
        return new ReadResult(read.Value, region, read.Seen, read.Merged);
    }

    public Task<string> GetRegion() => Task.FromResult(regions.LocalRegion);

    public Task<IReadOnlyList<RegionSilos>> GetRegionSilos() =>
        Task.FromResult<IReadOnlyList<RegionSilos>>([.. regions.AllRegions.Select(r =>
            new RegionSilos(r, [.. regions.LiveSilos(r).Select(s => s.ToParsableString())]))]);

    private async Task<string> ServingRegion(string keyspace)
    {
        var definition = await keyspaces.FindAsync(keyspace) ?? throw new KeyspaceNotFoundException(keyspace);
        return definition.Policy.IsReplicaIn(regions.LocalRegion) ? regions.LocalRegion : Nearest(definition.Policy);
    }

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
