using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Core.Wan;
using GeoStore.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GeoStore.Bench.Targets;

/// <summary>
/// A <see cref="GeoCluster"/> in this process. Each operation enters through a coordinator on a
/// silo of its region (spread over the region's silos), as an API process of that region would.
/// </summary>
public sealed class InProcessTarget : IBenchTarget
{
    private readonly GeoCluster _geo;
    private readonly string _keyspace;

    // Grain references are resolved once: GeoCluster.Coordinator asks the test cluster for its
    // active silos on every call, which appends to the cluster's (unsynchronized) log buffer.
    private readonly IKeyValueCoordinatorGrain[][] _coordinators;

    private InProcessTarget(GeoCluster geo, string keyspace)
    {
        _geo = geo;
        _keyspace = keyspace;
        _coordinators = [.. geo.Regions.Select(region => geo.SilosOf(region)
            .Select(silo => geo.ServicesOf(silo).GetRequiredService<IGrainFactory>().GetGrain<IKeyValueCoordinatorGrain>(0))
            .ToArray())];
        Description = $"in-process cluster: {geo.Regions.Count} regions × {geo.Options.SilosPerRegion} silo(s), {geo.Options.LogShards} log shards";
    }

    public string Description { get; }

    public IReadOnlyList<string> Regions => _geo.Regions;

    public TimeSpan LagPollInterval { get; } = TimeSpan.FromMilliseconds(1);

    public bool CanControlWan => true;

    public static async Task<InProcessTarget> StartAsync(BenchSettings settings)
    {
        var geo = await GeoCluster.StartAsync(new GeoClusterOptions
        {
            SilosPerRegion = settings.SilosPerRegion,
            LogShards = settings.LogShards,
        });
        return new InProcessTarget(geo, settings.Keyspace);
    }

    public async Task PutAsync(int region, string key, byte[] value, CancellationToken cancellationToken)
    {
        var result = await Coordinator(region).Write(new WriteCommand(_keyspace, key, value, "application/octet-stream", WriteCondition.None));
        if (result.Status != WriteStatus.Applied)
        {
            throw new InvalidOperationException($"PUT {key} in {Regions[region]} answered {result.Status}.");
        }
    }

    public async Task<byte[]?> GetAsync(int region, string key, CancellationToken cancellationToken)
    {
        var result = await Coordinator(region).Read(_keyspace, key);
        return result.Found ? result.Value!.Value : null;
    }

    public async Task SetWanLatencyAsync(int latencyMs, CancellationToken cancellationToken)
    {
        foreach (var (from, to) in RegionPairs.Directed(Regions))
        {
            await _geo.SetLinkAsync(from, to, new WanLink(LatencyMs: latencyMs));
        }
    }

    public Task WaitUntilReplicatedAsync(TimeSpan deadline, CancellationToken cancellationToken) =>
        Eventually.HoldsAsync(
            async () =>
            {
                var statuses = await Task.WhenAll(Regions.Select(region => _geo.In(region).GetGrain<IRegionGrain>(region).GetStatus()));
                return statuses.All(s => s.Peers.All(p => p.EntriesBehind == 0));
            },
            "every region's log is acknowledged by every peer",
            deadline,
            TimeSpan.FromMilliseconds(50));

    public ValueTask DisposeAsync() => _geo.DisposeAsync();

    private IKeyValueCoordinatorGrain Coordinator(int region)
    {
        var candidates = _coordinators[region];
        return candidates.Length == 1 ? candidates[0] : candidates[Random.Shared.Next(candidates.Length)];
    }
}
