using GeoStore.Abstractions.Options;
using GeoStore.Bench.Throughput;
using GeoStore.Bench.Topology;

namespace GeoStore.Bench.Leader;

/// <summary>
/// The leader scenario as the command line asked for it (<c>--scenario leader</c>). Like the quorum
/// scenario's, its defaults are short (all of it runs in about four minutes on a busy 2-core
/// machine); options given on the command line override them.
/// </summary>
public sealed record LeaderSettings
{
    /// <summary>The in-process cluster's regions, in order: the WAN matrix follows it.</summary>
    public static IReadOnlyList<string> Regions => TopologySettings.Regions;

    public WanMatrix Wan { get; init; } = new(Regions, WanMatrix.DefaultMs[0], WanMatrix.DefaultMs[1], WanMatrix.DefaultMs[2]);

    /// <summary>The first leader (a chain: head) of every keyspace; the region whose silo hosts development clustering, so never killed (a drill cuts it off instead).</summary>
    public string Leader { get; init; } = Regions[0];

    /// <summary>The modes measured, each on its own keyspace; throughput ratios are against a MultiLeader keyspace.</summary>
    public IReadOnlyList<LeaderMode> Modes { get; init; } = [LeaderMode.Async, LeaderMode.SemiSync(1), LeaderMode.Sync, LeaderMode.Chain];

    /// <summary>Whether the throughput phases run (at no WAN latency).</summary>
    public bool MeasureThroughput { get; init; } = true;

    /// <summary>Whether the latency phases run (over the WAN matrix).</summary>
    public bool MeasureLatency { get; init; } = true;

    /// <summary>Whether the failover drills run (over the WAN matrix, after the latency phases).</summary>
    public bool MeasureFailover { get; init; } = true;

    /// <summary>Writes per second of each latency phase, started on schedule whether or not earlier ones finished (open loop).</summary>
    public int LatencyRate { get; init; } = 100;

    /// <summary>Measured failover drills per mode (after one unmeasured rehearsal).</summary>
    public int Failovers { get; init; } = 5;

    /// <summary>The surviving region the failovers are called in (an operator's API there), and a chain drill's first write is sent in.</summary>
    public string FailoverFrom { get; init; } = Regions[1];

    /// <summary>Keys each drill's keyspace holds before its leader is cut off.</summary>
    public int FailoverKeys { get; init; } = 20;

    /// <summary>How long a SemiSync or Sync write waits for its followers (<c>GeoStore:LeaderAckTimeout</c>; the silos' default).</summary>
    public TimeSpan LeaderAckTimeout { get; init; } = new GeoStoreOptions().LeaderAckTimeout;

    /// <summary>
    /// Whether the throughput phases send every write in the leader's region (the baseline's too),
    /// instead of in a region drawn uniformly (two in three then forwarded to the leader). Reads stay uniform.
    /// </summary>
    public bool WritesAtLeader { get; init; }

    /// <summary>How long a chain's tail has to acknowledge a write (<c>GeoStore:Chain:Timeout</c>; the silos' default).</summary>
    public TimeSpan ChainTimeout { get; init; } = new Grains.Chain.ChainOptions().Timeout;

    /// <summary>Closed-loop clients of the throughput phases.</summary>
    public int Concurrency { get; init; } = 16;

    /// <summary>Share of reads in the throughput phases.</summary>
    public double ReadRatio { get; init; } = 0.5;

    /// <summary>Keys of each keyspace, every one on every replica before anything is measured (as in the quorum scenario, so the multi-leader baseline is not mostly resolving conflicts).</summary>
    public int Keys { get; init; } = 3000;

    /// <summary>Measured seconds of each latency phase and each throughput phase.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Unmeasured load at the start of each phase.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(0.5);

    /// <summary>Least warm-up before the first phase; it goes on until the JIT is quiet, at most <see cref="MaxFirstWarmup"/>.</summary>
    public TimeSpan FirstWarmup { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxFirstWarmup => FirstWarmup > TimeSpan.FromSeconds(60) ? FirstWarmup : TimeSpan.FromSeconds(60);

    /// <summary>Throughput phases per condition, in the order A B C D D C B A …</summary>
    public int Rounds { get; init; } = 2;

    public int Seed { get; init; } = 1;

    public int ValueSize { get; init; } = 256;

    public int SilosPerRegion { get; init; } = 1;

    public int LogShards { get; init; } = 8;

    public string? JsonPath { get; init; }

    /// <summary>The throughput phases' load.</summary>
    public ThroughputPlan ThroughputPlan() => new(Concurrency, ReadRatio, Warmup, Duration, Rounds, Seed, ValueSize, WritesAtLeader ? Leader : null);
}
