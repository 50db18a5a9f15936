namespace GeoStore.Bench.Lag;

/// <summary>
/// Replication lag of one phase: for each sample, the time from a PUT being acknowledged in one
/// region until a GET in another region returns the written value. Polling adds up to
/// <see cref="PollIntervalMs"/> to each sample.
/// </summary>
public sealed record LagResult(
    string Phase,
    int WanLatencyMs,
    bool UnderLoad,
    int Samples,
    int TimedOut,
    int Failed,
    double PollIntervalMs,
    double MinMs,
    double P50Ms,
    double P99Ms,
    double MaxMs,
    double MeanMs)
{
    public static LagResult From(string phase, int wanLatencyMs, bool underLoad, LagSamples samples, TimeSpan pollInterval)
    {
        var sorted = samples.LagsMs.Order().ToArray();
        return new LagResult(
            phase, wanLatencyMs, underLoad, sorted.Length, samples.TimedOut, samples.Failed, pollInterval.TotalMilliseconds,
            sorted.FirstOrDefault(), NearestRank(sorted, 0.50), NearestRank(sorted, 0.99), sorted.LastOrDefault(),
            sorted.Length == 0 ? 0 : sorted.Average());
    }

    private static double NearestRank(double[] sorted, double quantile) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
}
