using GeoStore.Bench.Load;
using GeoStore.Bench.Topology;

namespace GeoStore.Bench.OpenLoop;

/// <summary>
/// What one open-loop latency phase measured in its window: latency of every operation that
/// answered (ms, exact), how late the scheduler started operations (p99; large means the machine
/// could not keep the rate), operations that failed, and answers that reached fewer replicas
/// than asked (<see cref="Short"/>: always 0 unless the coordinator is wrong).
/// </summary>
public sealed record LatencyPhase(
    int Rate,
    double MeasuredSeconds,
    int Due,
    Spread LatencyMs,
    double StartLateP99Ms,
    int Errors,
    string? FirstError,
    int Short,
    RuntimeActivity Runtime);
