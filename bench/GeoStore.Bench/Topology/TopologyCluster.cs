using GeoStore.Abstractions.Errors;
using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Bench.Clusters;
using GeoStore.Core.Keyspaces;
using GeoStore.Core.Resolution;
using GeoStore.Core.Versioning;
using GeoStore.Testing;

namespace GeoStore.Bench.Topology;

/// <summary>
/// The in-process cluster of the topology scenario: writes that answer with
/// their version, reads that wait for a version, keyspaces created per phase, a WAN matrix, and
/// the conflict logs. Regions are addressed by their index in <see cref="Regions"/>.
/// </summary>
public sealed class TopologyCluster : IAsyncDisposable
{
    private readonly BenchCluster _cluster;

    private TopologyCluster(BenchCluster cluster) => _cluster = cluster;

    public string Description => _cluster.Description;

    public IReadOnlyList<string> Regions => _cluster.Regions;

    private GeoCluster Geo => _cluster.Geo;

    public static async Task<TopologyCluster> StartAsync(TopologySettings settings) =>
        new(await BenchCluster.StartAsync(
            settings.SilosPerRegion,
            settings.LogShards,
            new Dictionary<string, string?> { ["GeoStore:ReplicationWindow"] = settings.ReplicationWindow.ToString(System.Globalization.CultureInfo.InvariantCulture) }));

    /// <summary>Sets every directed link to the matrix's one-way latency.</summary>
    public Task SetWanAsync(WanMatrix wan) => _cluster.SetWanAsync(wan);

    public Task CreateKeyspaceAsync(string name, KeyspacePolicy policy) => _cluster.CreateKeyspaceAsync(name, policy);

    /// <summary>Writes in <paramref name="region"/> and returns the version the write got.</summary>
    public async Task<WriteVersion> WriteAsync(int region, string keyspace, string key, byte[] value) =>
        (await _cluster.WriteAsync(region, keyspace, key, value)).Version
            ?? throw new InvalidOperationException($"PUT {key} in {Regions[region]} answered without a version.");

    /// <summary>
    /// Reads the key in <paramref name="region"/> once that region has applied
    /// <paramref name="version"/> (a session read); false when it has not within <paramref name="wait"/>.
    /// </summary>
    public async Task<bool> AwaitServedAsync(int region, string keyspace, string key, WriteVersion version, TimeSpan wait)
    {
        try
        {
            await _cluster.Coordinator(region).Read(keyspace, key, new ReadOptions(version, wait));
            return true;
        }
        catch (StaleReadException)
        {
            return false;
        }
    }

    /// <summary>
    /// Waits until every region's log is acknowledged by every peer, seen twice in a row: a relay
    /// appends to its own log before its inbox acknowledges, but the regions are asked in parallel.
    /// </summary>
    public Task DrainAsync(TimeSpan deadline) => _cluster.DrainAsync(deadline, TimeSpan.FromMilliseconds(50));

    /// <summary>Every conflict record of <paramref name="keyspace"/> that the regions' conflict logs hold.</summary>
    public Task<IReadOnlyList<ConflictRecord>> ConflictsAsync(string keyspace) => Geo.ConflictsAsync(keyspace);

    /// <summary>Records the conflict logs dropped to stay within their capacity, over every region and shard.</summary>
    public async Task<long> ConflictRecordsDroppedAsync()
    {
        var query = new ConflictQuery(null, long.MaxValue, 0);
        var pages = await Task.WhenAll(
            from region in Regions
            from shard in Enumerable.Range(0, Geo.Options.LogShards)
            select Geo.In(region).GetGrain<IConflictLogGrain>($"{region}/{shard}").Read(query));
        return pages.Sum(p => p.Dropped);
    }

    public ValueTask DisposeAsync() => _cluster.DisposeAsync();
}
