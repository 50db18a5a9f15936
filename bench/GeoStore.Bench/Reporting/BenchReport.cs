using GeoStore.Bench.Load;
using GeoStore.Bench.Memory;

namespace GeoStore.Bench.Reporting;

/// <summary>
/// Everything one run measured, as printed and as written with <c>--json</c>. <see cref="Wan"/>
/// is null when the target's WAN could not be set (HTTP without an admin token).
/// </summary>
public sealed record BenchReport(
    string Target,
    string Machine,
    DateTimeOffset StartedAt,
    BenchSettings Settings,
    LoadResult Preload,
    KeyFootprint? Memory,
    WarmupResult Warmup,
    IReadOnlyList<PhaseRun> Phases,
    ConditionResult Baseline,
    ConditionResult? Wan)
{
    public RatioSummary? Ratios => Wan is null ? null : RatioSummary.Of(Baseline, Wan);
}
