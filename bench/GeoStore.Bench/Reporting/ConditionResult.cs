using GeoStore.Bench.Lag;
using GeoStore.Bench.Load;

namespace GeoStore.Bench.Reporting;

/// <summary>
/// Every phase of one condition pooled: latencies from the merged histograms, throughput over the
/// summed windows. <see cref="ThroughputSpread"/> (fastest phase ÷ slowest) shows how far this
/// machine's noise moves one condition between its own rounds.
/// </summary>
public sealed record ConditionResult(LoadResult Load, LagResult Lag, LagResult LagUnderLoad, double ThroughputSpread);
