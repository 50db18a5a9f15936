using GeoStore.Abstractions.Errors;
using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Bench.Targets;
using GeoStore.Core.Keyspaces;
using GeoStore.Core.Resolution;
using GeoStore.Core.Versioning;
using GeoStore.Core.Wan;
using GeoStore.Testing;

namespace GeoStore.Bench.Topology;

/// <summary>
/// The in-process <see cref="GeoCluster"/> of the topology scenario: writes that answer with
/// their version, reads that wait for a version, keyspaces created per phase, a WAN matrix, and
/// the conflict logs. Regions are addressed by their index in <see cref="Regions"/>.
/// </summary>
public sealed class TopologyCluster : IAsyncDisposable
{
    private readonly GeoCluster _geo;

    // Resolved once: GeoCluster.Coordinator asks the test cluster for its silos on every call.
    private readonly IKeyValueCoordinatorGrain[][] _coordinators;

    private TopologyCluster(GeoCluster geo)
    {
        _geo = geo;
        _coordinators = geo.CoordinatorsPerSilo();
        Description = geo.Description;
    }

    public string Description { get; }

    public IReadOnlyList<string> Regions => _geo.Regions;

    public static async Task<TopologyCluster> StartAsync(TopologySettings settings) =>
        new(await GeoCluster.StartAsync(new GeoClusterOptions
        {
            Regions = TopologySettings.Regions,
            SilosPerRegion = settings.SilosPerRegion,
            LogShards = settings.LogShards,
            Settings = new Dictionary<string, string?> { ["GeoStore:ReplicationWindow"] = settings.ReplicationWindow.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        }));

    /// <summary>Sets every directed link to the matrix's one-way latency.</summary>
    public async Task SetWanAsync(WanMatrix wan)
    {
        foreach (var (from, to) in RegionPairs.Directed(Regions))
        {
            await _geo.SetLinkAsync(from, to, new WanLink(LatencyMs: wan.LatencyMs(from, to)));
        }
    }

    public Task CreateKeyspaceAsync(string name, KeyspacePolicy policy) => _geo.PutKeyspaceAsync(name, policy);

    /// <summary>Writes in <paramref name="region"/> and returns the version the write got.</summary>
    public async Task<WriteVersion> WriteAsync(int region, string keyspace, string key, byte[] value)
    {
        var result = await Coordinator(region).Write(new WriteCommand(keyspace, key, value, "application/octet-stream", WriteCondition.None));
        return result is { Status: WriteStatus.Applied, Version: { } version }
            ? version
            : throw new InvalidOperationException($"PUT {key} in {Regions[region]} answered {result.Status}.");
    }

    /// <summary>
    /// Reads the key in <paramref name="region"/> once that region has applied
    /// <paramref name="version"/> (a session read); false when it has not within <paramref name="wait"/>.
    /// </summary>
    public async Task<bool> AwaitServedAsync(int region, string keyspace, string key, WriteVersion version, TimeSpan wait)
    {
        try
        {
            await Coordinator(region).Read(keyspace, key, new ReadOptions(version, wait));
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
    public async Task DrainAsync(TimeSpan deadline)
    {
        var quietPolls = 0;
        await Eventually.HoldsAsync(
            async () =>
            {
                var statuses = await Task.WhenAll(Regions.Select(region => _geo.In(region).GetGrain<IRegionGrain>(region).GetStatus()));
                quietPolls = statuses.All(s => s.Peers.All(p => p.EntriesBehind == 0)) ? quietPolls + 1 : 0;
                return quietPolls >= 2;
            },
            "every region's log is acknowledged by every peer",
            deadline,
            TimeSpan.FromMilliseconds(50));
    }

    /// <summary>Every conflict record of <paramref name="keyspace"/> that the regions' conflict logs hold.</summary>
    public Task<IReadOnlyList<ConflictRecord>> ConflictsAsync(string keyspace) => _geo.ConflictsAsync(keyspace);

    /// <summary>Records the conflict logs dropped to stay within their capacity, over every region and shard.</summary>
    public async Task<long> ConflictRecordsDroppedAsync()
    {
        var query = new ConflictQuery(null, long.MaxValue, 0);
        var pages = await Task.WhenAll(
            from region in Regions
            from shard in Enumerable.Range(0, _geo.Options.LogShards)
            select _geo.In(region).GetGrain<IConflictLogGrain>($"{region}/{shard}").Read(query));
        return pages.Sum(p => p.Dropped);
    }

    public ValueTask DisposeAsync() => _geo.DisposeAsync();

    private IKeyValueCoordinatorGrain Coordinator(int region)
    {
        var candidates = _coordinators[region];
        return candidates.Length == 1 ? candidates[0] : candidates[Random.Shared.Next(candidates.Length)];
    }
}
