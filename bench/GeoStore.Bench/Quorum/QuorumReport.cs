using GeoStore.Bench.Load;
using GeoStore.Bench.Throughput;

namespace GeoStore.Bench.Quorum;

/// <summary>Everything the quorum scenario measured, as printed and as written with <c>--json</c>.</summary>
public sealed record QuorumReport(
    string Target,
    string Machine,
    DateTimeOffset StartedAt,
    QuorumSettings Settings,
    WarmupResult Warmup,
    IReadOnlyList<ThroughputPhase> ThroughputPhases,
    IReadOnlyList<ThroughputResult> Throughput,
    IReadOnlyList<LatencyRow> Latency);
