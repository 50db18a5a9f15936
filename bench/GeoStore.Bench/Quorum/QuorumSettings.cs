using GeoStore.Bench.Throughput;
using GeoStore.Bench.Topology;

namespace GeoStore.Bench.Quorum;

/// <summary>
/// The quorum scenario as the command line asked for it (<c>--scenario quorum</c>). Its defaults
/// are shorter than the load scenario's, so all of it (warm-up, the throughput phases, 18 latency
/// phases) runs in about two minutes on a busy 2-core machine; options given on the command line override them.
/// </summary>
public sealed record QuorumSettings
{
    /// <summary>The in-process cluster's regions, in order: the WAN matrix follows it.</summary>
    public static IReadOnlyList<string> Regions => TopologySettings.Regions;

    public WanMatrix Wan { get; init; } = new(Regions, WanMatrix.DefaultMs[0], WanMatrix.DefaultMs[1], WanMatrix.DefaultMs[2]);

    /// <summary>Whether the throughput phases run (at no WAN latency, before the latency phases).</summary>
    public bool MeasureThroughput { get; init; } = true;

    /// <summary>Whether the latency phases run (over the WAN matrix).</summary>
    public bool MeasureLatency { get; init; } = true;

    /// <summary>Operations per second of each latency phase, started on schedule whether or not earlier ones finished (open loop).</summary>
    public int LatencyRate { get; init; } = 100;

    /// <summary>Closed-loop clients of the throughput phases.</summary>
    public int Concurrency { get; init; } = 16;

    /// <summary>Share of reads in the throughput phases.</summary>
    public double ReadRatio { get; init; } = 0.5;

    /// <summary>
    /// Keys of each keyspace, every one written to every replica before anything is measured.
    /// Enough that the multi-leader baseline is not mostly resolving conflicts (300 keys: ~760
    /// LWW losers per 1000 writes at ~2600 writes/s; 3000 keys: ~440).
    /// </summary>
    public int Keys { get; init; } = 3000;

    /// <summary>Measured seconds of each latency phase and each throughput phase.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Unmeasured load at the start of each phase.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(0.5);

    /// <summary>Least warm-up before the first phase; it goes on until the JIT is quiet, at most <see cref="MaxFirstWarmup"/>.</summary>
    public TimeSpan FirstWarmup { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxFirstWarmup => FirstWarmup > TimeSpan.FromSeconds(60) ? FirstWarmup : TimeSpan.FromSeconds(60);

    /// <summary>Throughput phases per condition, in the order A B C C B A …</summary>
    public int Rounds { get; init; } = 2;

    public int Seed { get; init; } = 1;

    public int ValueSize { get; init; } = 256;

    public int SilosPerRegion { get; init; } = 1;

    public int LogShards { get; init; } = 8;

    public string? JsonPath { get; init; }

    /// <summary>The replicas of the Leaderless keyspace: every region, so N = 3 and levels run 1 to 3.</summary>
    public int N => Regions.Count;

    /// <summary>The throughput phases' load.</summary>
    public ThroughputPlan ThroughputPlan() => new(Concurrency, ReadRatio, Warmup, Duration, Rounds, Seed, ValueSize);
}
