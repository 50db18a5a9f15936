using GeoStore.Bench.Load;
using GeoStore.Bench.Throughput;

namespace GeoStore.Bench.Leader;

/// <summary>Everything the leader scenario measured, as printed and as written with <c>--json</c>.</summary>
public sealed record LeaderReport(
    string Target,
    string Machine,
    DateTimeOffset StartedAt,
    LeaderSettings Settings,
    WarmupResult Warmup,
    IReadOnlyList<ThroughputPhase> ThroughputPhases,
    IReadOnlyList<ThroughputResult> Throughput,
    IReadOnlyList<LeaderLatencyRow> Latency,
    IReadOnlyList<FailoverTrial> FailoverTrials,
    IReadOnlyList<FailoverSummary> Failover);
