using GeoStore.Bench.Load;

namespace GeoStore.Bench.Topology;

/// <summary>Everything the topology scenario measured, as printed and as written with <c>--json</c>.</summary>
public sealed record TopologyReport(
    string Target,
    string Machine,
    DateTimeOffset StartedAt,
    TopologySettings Settings,
    WarmupResult Warmup,
    IReadOnlyList<TopologyResult> Topologies,
    IReadOnlyList<ConflictRateResult> ConflictRates);
