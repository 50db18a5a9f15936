using GeoStore.Bench.Clusters;
using GeoStore.Testing;

namespace GeoStore.Bench.Targets;

/// <summary>
/// A <see cref="GeoCluster"/> in this process (a <see cref="BenchCluster"/>). Each operation enters
/// through a coordinator on a silo of its region (spread over the region's silos), as an API
/// process of that region would.
/// </summary>
public sealed class InProcessTarget : IBenchTarget
{
    private readonly BenchCluster _cluster;
    private readonly string _keyspace;

    private InProcessTarget(BenchCluster cluster, string keyspace)
    {
        _cluster = cluster;
        _keyspace = keyspace;
    }

    public string Description => _cluster.Description;

    public IReadOnlyList<string> Regions => _cluster.Regions;

    public TimeSpan LagPollInterval { get; } = TimeSpan.FromMilliseconds(1);

    public bool CanControlWan => true;

    public static async Task<InProcessTarget> StartAsync(BenchSettings settings) =>
        new(await BenchCluster.StartAsync(settings.SilosPerRegion, settings.LogShards), settings.Keyspace);

    public Task PutAsync(int region, string key, byte[] value, CancellationToken cancellationToken) =>
        _cluster.WriteAsync(region, _keyspace, key, value);

    public async Task<byte[]?> GetAsync(int region, string key, CancellationToken cancellationToken)
    {
        var result = await _cluster.Coordinator(region).Read(_keyspace, key);
        return result.Found ? result.Value!.Value : null;
    }

    public Task SetWanLatencyAsync(int latencyMs, CancellationToken cancellationToken) => _cluster.SetLatenciesAsync((_, _) => latencyMs);

    public Task WaitUntilReplicatedAsync(TimeSpan deadline, CancellationToken cancellationToken) =>
        _cluster.DrainAsync(deadline, TimeSpan.FromMilliseconds(50), quietPolls: 1);

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();
}
