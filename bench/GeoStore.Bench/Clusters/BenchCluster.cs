using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Bench.Targets;
using GeoStore.Bench.Topology;
using GeoStore.Core.Keyspaces;
using GeoStore.Core.Wan;
using GeoStore.Testing;

namespace GeoStore.Bench.Clusters;

/// <summary>
/// The in-process <see cref="GeoCluster"/> every in-process scenario drives: started with the
/// scenario's shape, operations entering through a coordinator on a silo of their region (as an
/// API process of that region would), the WAN set per link, keyspaces created per phase, and the
/// wait until replication drains. Regions are addressed by their index in <see cref="Regions"/>.
/// </summary>
public sealed class BenchCluster : IAsyncDisposable
{
    // Resolved once: GeoCluster.Coordinator asks the test cluster for its active silos on every
    // call, which appends to the cluster's (unsynchronized) log buffer.
    private readonly IKeyValueCoordinatorGrain[][] _coordinators;

    private BenchCluster(GeoCluster geo)
    {
        Geo = geo;
        _coordinators = geo.CoordinatorsPerSilo();
    }

    /// <summary>The cluster itself, for what a scenario needs beyond reads and writes (failovers, cuts, conflict logs).</summary>
    public GeoCluster Geo { get; }

    public string Description => Geo.Description;

    public IReadOnlyList<string> Regions => Geo.Regions;

    /// <summary>Starts the default three regions with <paramref name="silosPerRegion"/> silos each and extra silo <paramref name="settings"/>.</summary>
    public static async Task<BenchCluster> StartAsync(int silosPerRegion, int logShards, IReadOnlyDictionary<string, string?>? settings = null) =>
        new(await GeoCluster.StartAsync(new GeoClusterOptions
        {
            SilosPerRegion = silosPerRegion,
            LogShards = logShards,
            Settings = settings ?? new Dictionary<string, string?>(),
        }));

    /// <summary>Sets every directed link to the matrix's one-way latency, or to 0 ms when <paramref name="wan"/> is null.</summary>
    public Task SetWanAsync(WanMatrix? wan) => SetLatenciesAsync((from, to) => wan?.LatencyMs(from, to) ?? 0);

    /// <summary>Sets every directed link to <paramref name="latencyMs"/>(from, to), healed and lossless.</summary>
    public async Task SetLatenciesAsync(Func<string, string, int> latencyMs)
    {
        foreach (var (from, to) in RegionPairs.Directed(Regions))
        {
            await Geo.SetLinkAsync(from, to, new WanLink(LatencyMs: latencyMs(from, to)));
        }
    }

    public Task CreateKeyspaceAsync(string name, KeyspacePolicy policy) => Geo.PutKeyspaceAsync(name, policy);

    /// <summary>
    /// Writes through the coordinator of <paramref name="region"/>; <paramref name="w"/> is the
    /// request's write quorum (null: the keyspace's). Throws unless the write was applied.
    /// </summary>
    public async Task<WriteResult> WriteAsync(int region, string keyspace, string key, byte[] value, int? w = null)
    {
        var written = await Coordinator(region).Write(new WriteCommand(keyspace, key, value, "application/octet-stream", WriteCondition.None, W: w));
        return written.Status == WriteStatus.Applied
            ? written
            : throw new InvalidOperationException($"PUT {key} in {Regions[region]} answered {written.Status}.");
    }

    /// <summary>Reads through the coordinator of <paramref name="region"/>; <paramref name="r"/> is the request's read quorum (null: the keyspace's).</summary>
    public Task<ReadResult> ReadAsync(int region, string keyspace, string key, int? r = null) =>
        Coordinator(region).Read(keyspace, key, r is null ? ReadOptions.Any : ReadOptions.Any with { R = r });

    /// <summary>
    /// Waits until every region's log is acknowledged by every peer, seen <paramref name="quietPolls"/>
    /// times in a row (a relay appends to its own log before its inbox acknowledges, and the regions
    /// are asked in parallel), and says how long that took.
    /// </summary>
    public Task<TimeSpan> DrainAsync(TimeSpan deadline, TimeSpan interval, int quietPolls = 2)
    {
        var quiet = 0;
        return Eventually.HoldsAsync(
            async () =>
            {
                var statuses = await Task.WhenAll(Regions.Select(region => Geo.In(region).GetGrain<IRegionGrain>(region).GetStatus()));
                quiet = statuses.All(s => s.Peers.All(p => p.EntriesBehind == 0)) ? quiet + 1 : 0;
                return quiet >= quietPolls;
            },
            "every region's log is acknowledged by every peer",
            deadline,
            interval);
    }

    /// <summary>A coordinator on a silo of <paramref name="region"/>, spread over the region's silos.</summary>
    public IKeyValueCoordinatorGrain Coordinator(int region)
    {
        var candidates = _coordinators[region];
        return candidates.Length == 1 ? candidates[0] : candidates[Random.Shared.Next(candidates.Length)];
    }

    public ValueTask DisposeAsync() => Geo.DisposeAsync();
}
