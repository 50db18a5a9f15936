using GeoStore.Bench.Lag;

namespace GeoStore.Bench.Topology;

/// <summary>
/// One topology's phase: the load as it ran, lag per (origin, target) pair, and every sample
/// pooled: as measured, minus its pair's minimum, and divided by it. <see cref="Conflicts"/>
/// covers every write of the phase, warm-up included.
/// </summary>
public sealed record TopologyResult(
    TopologyCase Case,
    string Keyspace,
    WriteRunResult Writes,
    IReadOnlyList<PairLag> Pairs,
    LagResult Pooled,
    Spread AboveMinimumMs,
    Spread OverMinimum,
    ConflictResult Conflicts);
