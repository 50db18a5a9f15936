using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Bench.Targets;
using GeoStore.Bench.Topology;
using GeoStore.Core.Keyspaces;
using GeoStore.Core.Wan;
using GeoStore.Testing;

namespace GeoStore.Bench.Quorum;

/// <summary>
/// The in-process <see cref="GeoCluster"/> of the quorum scenario: reads and writes through each
/// region's coordinator with a per-request R or W, keyspaces created per phase, and the WAN
/// matrix on or off. Regions are addressed by their index in <see cref="Regions"/>.
/// </summary>
public sealed class QuorumCluster : IAsyncDisposable
{
    private readonly GeoCluster _geo;

    // Resolved once: GeoCluster.Coordinator asks the test cluster for its silos on every call.
    private readonly IKeyValueCoordinatorGrain[][] _coordinators;

    private QuorumCluster(GeoCluster geo)
    {
        _geo = geo;
        _coordinators = geo.CoordinatorsPerSilo();
        Description = geo.Description;
    }

    public string Description { get; }

    public IReadOnlyList<string> Regions => _geo.Regions;

    public static async Task<QuorumCluster> StartAsync(QuorumSettings settings) =>
        new(await GeoCluster.StartAsync(new GeoClusterOptions
        {
            Regions = QuorumSettings.Regions,
            SilosPerRegion = settings.SilosPerRegion,
            LogShards = settings.LogShards,
        }));

    /// <summary>Sets every directed link to the matrix's one-way latency, or to 0 ms when <paramref name="wan"/> is null.</summary>
    public async Task SetWanAsync(WanMatrix? wan)
    {
        foreach (var (from, to) in RegionPairs.Directed(Regions))
        {
            await _geo.SetLinkAsync(from, to, new WanLink(LatencyMs: wan?.LatencyMs(from, to) ?? 0));
        }
    }

    public Task CreateKeyspaceAsync(string name, KeyspacePolicy policy) => _geo.PutKeyspaceAsync(name, policy);

    /// <summary>Writes through the coordinator of <paramref name="region"/>; <paramref name="w"/> is the request's write quorum (null: the keyspace's).</summary>
    public Task<WriteResult> WriteAsync(int region, string keyspace, string key, byte[] value, int? w) =>
        Coordinator(region).Write(new WriteCommand(keyspace, key, value, "application/octet-stream", WriteCondition.None, W: w));

    /// <summary>Reads through the coordinator of <paramref name="region"/>; <paramref name="r"/> is the request's read quorum (null: the keyspace's).</summary>
    public Task<ReadResult> ReadAsync(int region, string keyspace, string key, int? r) =>
        Coordinator(region).Read(keyspace, key, r is null ? ReadOptions.Any : ReadOptions.Any with { R = r });

    /// <summary>
    /// One operation of a phase, asking for <paramref name="level"/> replicas (W or R; null: the
    /// keyspace's own); the quorum answer it carried, null in a keyspace that is not Leaderless.
    /// </summary>
    public async Task<QuorumAnswer?> RunAsync(QuorumOperation operation, int region, string keyspace, string key, int? level, byte[] value)
    {
        if (operation == QuorumOperation.Read)
        {
            return (await ReadAsync(region, keyspace, key, level)).Quorum;
        }

        var written = await WriteAsync(region, keyspace, key, value, level);
        return written.Status == WriteStatus.Applied
            ? written.Quorum
            : throw new InvalidOperationException($"PUT {key} in {Regions[region]} answered {written.Status}.");
    }

    /// <summary>
    /// Waits until every region's log is acknowledged by every peer, seen twice in a row, and says
    /// how long that took: a multi-leader write is acknowledged before it replicates, so a phase
    /// can leave work behind that would otherwise slow the next one down. Leaderless writes are not logged.
    /// </summary>
    public Task<TimeSpan> DrainAsync(TimeSpan deadline)
    {
        var quietPolls = 0;
        return Eventually.HoldsAsync(
            async () =>
            {
                var statuses = await Task.WhenAll(Regions.Select(region => _geo.In(region).GetGrain<IRegionGrain>(region).GetStatus()));
                quietPolls = statuses.All(s => s.Peers.All(p => p.EntriesBehind == 0)) ? quietPolls + 1 : 0;
                return quietPolls >= 2;
            },
            "every region's log is acknowledged by every peer",
            deadline,
            TimeSpan.FromMilliseconds(10));
    }

    public ValueTask DisposeAsync() => _geo.DisposeAsync();

    private IKeyValueCoordinatorGrain Coordinator(int region)
    {
        var candidates = _coordinators[region];
        return candidates.Length == 1 ? candidates[0] : candidates[Random.Shared.Next(candidates.Length)];
    }
}
