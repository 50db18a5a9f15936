namespace GeoStore.Bench.Load;

/// <summary>Throughput and latency of one kind of operation over a measured window.</summary>
public sealed record OperationStats(long Count, double OpsPerSecond, double MeanMs, double P50Ms, double P99Ms, double P999Ms, double MaxMs)
{
    public static OperationStats From(LatencyHistogram histogram, TimeSpan window) => new(
        histogram.Count,
        window > TimeSpan.Zero ? histogram.Count / window.TotalSeconds : 0,
        histogram.MeanMilliseconds,
        histogram.PercentileMilliseconds(0.50),
        histogram.PercentileMilliseconds(0.99),
        histogram.PercentileMilliseconds(0.999),
        histogram.MaxMilliseconds);
}
