using GeoStore.Bench.Load;

namespace GeoStore.Bench.Throughput;

/// <summary>
/// Every throughput phase of one condition pooled, and its throughput against the baseline
/// condition of the same run (<see cref="OverBaseline"/>). <see cref="Spread"/> is the fastest ÷
/// slowest phase of this condition: ratios inside it are noise.
/// </summary>
public sealed record ThroughputResult(
    ThroughputCondition Condition, LoadResult Pooled, double OverBaseline, double Spread, double AllocatedBytesPerOperation, double ConflictRecordsPer1000Writes);
