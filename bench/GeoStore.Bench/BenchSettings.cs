namespace GeoStore.Bench;

/// <summary>One benchmark run as the command line asked for it.</summary>
public sealed record BenchSettings
{
    /// <summary>One API base address per region, in region order; empty for the in-process cluster.</summary>
    public IReadOnlyList<Uri> Urls { get; init; } = [];

    public string? AdminToken { get; init; }

    public int Concurrency { get; init; } = 16;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Load before each measured phase, not counted.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Least load before the first measured phase, not counted; it goes on until the JIT is quiet
    /// (see <see cref="Load.Warmup"/>), up to <see cref="MaxFirstWarmup"/>.
    /// </summary>
    public TimeSpan FirstWarmup { get; init; } = TimeSpan.FromSeconds(20);

    public TimeSpan MaxFirstWarmup => FirstWarmup > TimeSpan.FromSeconds(120) ? FirstWarmup : TimeSpan.FromSeconds(120);

    /// <summary>
    /// How often each condition (baseline, WAN) is measured. Phases alternate A B B A A B …, so a
    /// drift of the machine's speed during the run falls on both conditions alike.
    /// </summary>
    public int Rounds { get; init; } = 2;

    /// <summary>Share of operations that are GETs; the rest are PUTs.</summary>
    public double ReadRatio { get; init; } = 0.5;

    /// <summary>How many distinct keys the load spreads over (all written once before the load phases).</summary>
    public int Keys { get; init; } = 10_000;

    public int ValueSize { get; init; } = 256;

    /// <summary>One-way latency set on every directed WAN link for the second load phase and the lag phase.</summary>
    public int WanLatencyMs { get; init; } = 50;

    public int Seed { get; init; } = 1;

    public int LagSamples { get; init; } = 50;

    public string Keyspace { get; init; } = "default";

    public int SilosPerRegion { get; init; } = 1;

    public int LogShards { get; init; } = 8;

    public string? JsonPath { get; init; }

    public bool InProcess => Urls.Count == 0;
}
