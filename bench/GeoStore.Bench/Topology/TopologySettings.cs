using GeoStore.Core.Keyspaces;
using GeoStore.Testing;

namespace GeoStore.Bench.Topology;

/// <summary>The topology scenario as the command line asked for it (<c>--scenario topology</c>).</summary>
public sealed record TopologySettings
{
    /// <summary>The in-process cluster's regions, in order: the WAN matrix and the default ring follow it.</summary>
    public static IReadOnlyList<string> Regions { get; } = new GeoClusterOptions().Regions;

    public WanMatrix Wan { get; init; } = new(Regions, WanMatrix.DefaultMs[0], WanMatrix.DefaultMs[1], WanMatrix.DefaultMs[2]);

    /// <summary>Writes per second of the lag phases, started on schedule whether or not earlier ones finished (open loop).</summary>
    public int WriteRate { get; init; } = 200;

    public IReadOnlyList<ReplicationTopology> Topologies { get; init; } = [ReplicationTopology.AllToAll, ReplicationTopology.Ring, ReplicationTopology.Star];

    /// <summary>The ring's order, every region once.</summary>
    public IReadOnlyList<string> RingOrder { get; init; } = Regions;

    public string Hub { get; init; } = "eu-west";

    /// <summary>Keys each lag phase spreads its writes over (each written once first).</summary>
    public int LagKeys { get; init; } = 300;

    /// <summary>Every n-th measured write is followed until both other regions serve it.</summary>
    public int LagSampleEvery { get; init; } = 3;

    /// <summary>Write rates of the conflict phases, each on its own AllToAll LWW keyspace.</summary>
    public IReadOnlyList<int> ConflictRates { get; init; } = [50, 200, 800];

    /// <summary>Keys the conflict phases write, from every region.</summary>
    public int HotKeys { get; init; } = 20;

    /// <summary>Batches each replication link keeps in flight (<c>GeoStore:ReplicationWindow</c>); 1 is stop-and-wait.</summary>
    public int ReplicationWindow { get; init; } = new Abstractions.Options.GeoStoreOptions().ReplicationWindow;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Unmeasured writes at the same rate before each lag phase's measured window.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Least warm-up before the first phase; it goes on until the JIT is quiet, at most <see cref="MaxFirstWarmup"/>.</summary>
    public TimeSpan FirstWarmup { get; init; } = TimeSpan.FromSeconds(20);

    public TimeSpan MaxFirstWarmup => FirstWarmup > TimeSpan.FromSeconds(60) ? FirstWarmup : TimeSpan.FromSeconds(60);

    public int Seed { get; init; } = 1;

    public int ValueSize { get; init; } = 256;

    public int SilosPerRegion { get; init; } = 1;

    public int LogShards { get; init; } = 8;

    public string? JsonPath { get; init; }

    public IReadOnlyList<TopologyCase> Cases =>
        [.. Topologies.Select(t => new TopologyCase(t, t == ReplicationTopology.Ring ? RingOrder : Regions, t == ReplicationTopology.Star ? Hub : null))];
}
