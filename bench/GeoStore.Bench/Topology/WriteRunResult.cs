using GeoStore.Bench.Load;

namespace GeoStore.Bench.Topology;

/// <summary>
/// What an open-loop run did in its measured window: writes due and acknowledged, the rate they
/// were acknowledged at, how late the scheduler started them (p99; large means the machine could
/// not keep the rate), PUT latency, errors, and the runtime's GC and JIT activity.
/// </summary>
public sealed record WriteRunResult(
    int TargetRate,
    double MeasuredSeconds,
    int Due,
    int Acknowledged,
    int Errors,
    string? FirstError,
    double AchievedRate,
    double StartLateP99Ms,
    double PutP50Ms,
    double PutP99Ms,
    RuntimeActivity Runtime);
