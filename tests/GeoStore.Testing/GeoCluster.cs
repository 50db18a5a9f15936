using System.Globalization;
using System.Text;
using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Core.Keyspaces;
using GeoStore.Core.Wan;
using GeoStore.Grains;
using GeoStore.Grains.Regions;
using GeoStore.Grains.Wan;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace GeoStore.Testing;

/// <summary>
/// A geo-cluster in one process: an <see cref="InProcessTestCluster"/> whose silos carry regions
/// (silo i is in region i mod N), with the simulated WAN between them. Operations enter through a
/// silo of the chosen region, as an API process of that region would.
/// </summary>
public sealed class GeoCluster : IAsyncDisposable
{
    private GeoCluster(InProcessTestCluster cluster, GeoClusterOptions options)
    {
        Cluster = cluster;
        Options = options;
    }

    public InProcessTestCluster Cluster { get; }

    public GeoClusterOptions Options { get; }

    public IReadOnlyList<string> Regions => Options.Regions;

    public static async Task<GeoCluster> StartAsync(GeoClusterOptions? options = null)
    {
        options ??= new GeoClusterOptions();
        var regions = options.Regions;
        var builder = new InProcessTestClusterBuilder((short)(regions.Count * options.SilosPerRegion));
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSiloHost((silo, host) =>
        {
            var settings = new Dictionary<string, string?>(options.Settings)
            {
                ["GeoStore:Region"] = regions[InstanceNumber(silo.SiloName) % regions.Count],
                ["GeoStore:Regions"] = string.Join(',', regions),
                ["GeoStore:WanSeed"] = options.WanSeed.ToString(CultureInfo.InvariantCulture),
                ["GeoStore:LogShards"] = options.LogShards.ToString(CultureInfo.InvariantCulture),
            };
            host.Configuration.AddInMemoryCollection(settings);
        });
        builder.ConfigureSilo((siloOptions, silo) =>
        {
            silo.AddGeoStore();
            options.ConfigureSilo?.Invoke(silo);
            if (options.ClockSkew.TryGetValue(regions[InstanceNumber(siloOptions.SiloName) % regions.Count], out var skew))
            {
                silo.Services.AddSingleton<TimeProvider>(new SkewedTimeProvider(skew));
            }

            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
            });
        });

        var cluster = builder.Build();
        await cluster.DeployAsync();
        var geo = new GeoCluster(cluster, options);
        await geo.WaitUntilEveryRegionIsSeenAsync();
        return geo;
    }

    /// <summary>In-process test silos are named "Silo_0", "Silo_1", …</summary>
    public static int InstanceNumber(string siloName) =>
        int.Parse(siloName[(siloName.LastIndexOf('_') + 1)..], CultureInfo.InvariantCulture);

    public string RegionOf(InProcessSiloHandle silo) => Regions[InstanceNumber(silo.Name) % Regions.Count];

    // InProcessTestCluster.GetActiveSilos is not safe to call from concurrent callers.
    private readonly Lock _silosGate = new();

    public IReadOnlyList<InProcessSiloHandle> SilosOf(string region)
    {
        lock (_silosGate)
        {
            return [.. Cluster.GetActiveSilos().Where(s => RegionOf(s) == region)];
        }
    }

    public IServiceProvider ServicesOf(InProcessSiloHandle silo) => Cluster.GetSiloServiceProvider(silo.SiloAddress);

    /// <summary>A grain factory inside <paramref name="region"/>: calls made through it start in that region.</summary>
    public IGrainFactory In(string region) =>
        ServicesOf(SilosOf(region).FirstOrDefault() ?? throw new InvalidOperationException($"Region {region} has no live silo."))
            .GetRequiredService<IGrainFactory>();

    public IKeyValueCoordinatorGrain Coordinator(string region) => In(region).GetGrain<IKeyValueCoordinatorGrain>(0);

    /// <summary>
    /// The coordinator of every silo, per region in <see cref="Regions"/> order, for load drivers that
    /// resolve them once (<see cref="Coordinator"/> asks the test cluster for its silos on every call).
    /// </summary>
    public IKeyValueCoordinatorGrain[][] CoordinatorsPerSilo() =>
        [.. Regions.Select(region => SilosOf(region)
            .Select(silo => ServicesOf(silo).GetRequiredService<IGrainFactory>().GetGrain<IKeyValueCoordinatorGrain>(0))
            .ToArray())];

    /// <summary>What this cluster is, for reports: regions, silos per region, log shards.</summary>
    public string Description =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"in-process cluster: {Regions.Count} regions × {Options.SilosPerRegion} silo(s), {Options.LogShards} log shards");

    public Task<WriteResult> PutAsync(string region, string keyspace, string key, string value, WriteCondition? condition = null) =>
        Coordinator(region).Write(new WriteCommand(keyspace, key, Encoding.UTF8.GetBytes(value), "text/plain", condition ?? WriteCondition.None));

    public Task<WriteResult> DeleteAsync(string region, string keyspace, string key) =>
        Coordinator(region).Write(new WriteCommand(keyspace, key, null, null, WriteCondition.None));

    /// <summary>The value of the key as <paramref name="region"/> serves it, or null when absent or deleted.</summary>
    public async Task<string?> GetAsync(string region, string keyspace, string key)
    {
        var result = await Coordinator(region).Read(keyspace, key);
        return result.Found ? Encoding.UTF8.GetString(result.Value!.Value!) : null;
    }

    /// <summary>Every conflict record of <paramref name="keyspace"/> in every region's conflict log.</summary>
    public async Task<IReadOnlyList<Core.Resolution.ConflictRecord>> ConflictsAsync(string keyspace)
    {
        var query = new ConflictQuery(keyspace, 0, int.MaxValue);
        var pages = await Task.WhenAll(
            from region in Regions
            from shard in Enumerable.Range(0, Options.LogShards)
            select In(region).GetGrain<IConflictLogGrain>($"{region}/{shard}").Read(query));
        return [.. pages.SelectMany(p => p.Records)];
    }

    /// <summary>What every region's replica of the key holds, in <see cref="Regions"/> order.</summary>
    public Task<ReadResult[]> ReadEverywhereAsync(string keyspace, string key) =>
        Task.WhenAll(Regions.Select(r => Coordinator(r).Read(keyspace, key)));

    /// <summary>
    /// What <paramref name="region"/>'s own replica of the key holds, read straight from its register
    /// (no coordinator, no quorum): how a test sees one replica of a Leaderless keyspace.
    /// </summary>
    public Task<ReplicaRead> ReplicaAsync(string region, string keyspace, string key) =>
        In(region).GetGrain<IRegisterGrain>(Grains.Registers.RegisterKey.Format(region, keyspace, key)).Read();

    /// <summary>The text value of <paramref name="region"/>'s own replica of the key, or null when absent or deleted.</summary>
    public async Task<string?> ReplicaValueAsync(string region, string keyspace, string key) =>
        (await ReplicaAsync(region, keyspace, key)).Value is { IsTombstone: false } value ? Encoding.UTF8.GetString(value.Value!) : null;

    public string ControlPlaneKey => Regions[0];

    /// <summary>Sets a WAN link and waits until every live silo applies it.</summary>
    public async Task SetLinkAsync(string from, string to, WanLink link)
    {
        var model = await Cluster.Client.GetGrain<IWanGrain>(ControlPlaneKey).SetLink(from, to, link);
        await Eventually.HoldsAsync(
            () => Cluster.GetActiveSilos().All(s => ServicesOf(s).GetRequiredService<WanState>().Model.Revision >= model.Revision),
            $"every silo applies WAN revision {model.Revision}");
    }

    /// <summary>Gives every directed link a random one-way latency below <paramref name="maxMs"/> (seeded by the caller's <paramref name="random"/>).</summary>
    public async Task SetRandomLatenciesAsync(Random random, int maxMs)
    {
        foreach (var from in Regions)
        {
            foreach (var to in Regions.Where(r => r != from))
            {
                await SetLinkAsync(from, to, new WanLink(LatencyMs: random.Next(0, maxMs)));
            }
        }
    }

    /// <summary>Sets every directed link back to healthy: no latency, no cut, no loss.</summary>
    public async Task ClearLatenciesAsync()
    {
        foreach (var from in Regions)
        {
            foreach (var to in Regions.Where(r => r != from))
            {
                await SetLinkAsync(from, to, WanLink.Healthy);
            }
        }
    }

    /// <summary>Records a read of <paramref name="key"/> through <paramref name="region"/>'s coordinator in <paramref name="history"/>; a failed read is recorded as failed (it changes no value).</summary>
    public async Task RecordReadAsync(Linearizability.HistoryRecorder history, string client, string region, string keyspace, string key)
    {
        var op = history.Invoke(client, Linearizability.OperationKind.Read);
        try
        {
            var read = await Coordinator(region).Read(keyspace, key, ReadOptions.Any);
            history.Ok(op, read.Found ? Encoding.UTF8.GetString(read.Value!.Value!) : null);
        }
        catch (Exception)
        {
            history.Fail(op);
        }
    }

    public Task CutAsync(string a, string b) => Task.WhenAll(SetLinkAsync(a, b, new WanLink(Cut: true)), SetLinkAsync(b, a, new WanLink(Cut: true)));

    public Task HealAsync(string a, string b) => Task.WhenAll(SetLinkAsync(a, b, WanLink.Healthy), SetLinkAsync(b, a, WanLink.Healthy));

    public async Task<KeyspaceDefinition> PutKeyspaceAsync(string name, KeyspacePolicy policy)
    {
        var definition = await Cluster.Client.GetGrain<IKeyspaceCatalogGrain>(ControlPlaneKey).Put(name, policy);
        await Eventually.HoldsAsync(
            () => Cluster.GetActiveSilos().All(s => ServicesOf(s).GetRequiredService<Abstractions.Catalog.KeyspaceCache>().Snapshot.Revision >= definition.Revision),
            $"every silo sees catalog revision {definition.Revision}");
        return definition;
    }

    /// <summary>Kills one silo, as a crash would, and waits until the survivors see it dead.</summary>
    public async Task KillSiloAsync(InProcessSiloHandle silo)
    {
        var region = RegionOf(silo);
        await Cluster.KillSiloAsync(silo);
        await Eventually.HoldsAsync(
            () => Cluster.GetActiveSilos().All(s => !ServicesOf(s).GetRequiredService<RegionDirectory>().LiveSilos(region).Contains(silo.SiloAddress)),
            $"every surviving silo sees {silo.Name} dead", TimeSpan.FromSeconds(30));
    }

    /// <summary>Kills every silo of <paramref name="region"/> and waits until the survivors see the region as down.</summary>
    public async Task KillRegionAsync(string region)
    {
        foreach (var silo in SilosOf(region))
        {
            await Cluster.KillSiloAsync(silo);
        }

        await Eventually.HoldsAsync(
            () => Cluster.GetActiveSilos().All(s => !ServicesOf(s).GetRequiredService<RegionDirectory>().HasLiveSilo(region)),
            $"every surviving silo sees region {region} down", TimeSpan.FromSeconds(30));
    }

    private Task WaitUntilEveryRegionIsSeenAsync() =>
        Eventually.HoldsAsync(
            () => Cluster.GetActiveSilos().All(s =>
            {
                var directory = ServicesOf(s).GetRequiredService<RegionDirectory>();
                return Regions.All(r => directory.LiveSilos(r).Count == Options.SilosPerRegion);
            }),
            "every silo sees every region's silos with their metadata", TimeSpan.FromSeconds(30));

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}
