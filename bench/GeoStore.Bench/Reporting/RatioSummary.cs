namespace GeoStore.Bench.Reporting;

/// <summary>
/// The WAN condition against the baseline of the same run (same process, same keys, same seed,
/// phases interleaved): ratios, because absolute figures on a shared machine drift between runs.
/// </summary>
public sealed record RatioSummary(
    double Throughput,
    double GetP50,
    double GetP99,
    double PutP50,
    double PutP99,
    double LagP50,
    double LagP99,
    double LagUnderLoadP50,
    double LagUnderLoadP99,
    double LagP50AboveOneWayMs)
{
    public static RatioSummary Of(ConditionResult baseline, ConditionResult wan) => new(
        Ratio(wan.Load.All.OpsPerSecond, baseline.Load.All.OpsPerSecond),
        Ratio(wan.Load.Gets.P50Ms, baseline.Load.Gets.P50Ms),
        Ratio(wan.Load.Gets.P99Ms, baseline.Load.Gets.P99Ms),
        Ratio(wan.Load.Puts.P50Ms, baseline.Load.Puts.P50Ms),
        Ratio(wan.Load.Puts.P99Ms, baseline.Load.Puts.P99Ms),
        Ratio(wan.Lag.P50Ms, baseline.Lag.P50Ms),
        Ratio(wan.Lag.P99Ms, baseline.Lag.P99Ms),
        Ratio(wan.LagUnderLoad.P50Ms, baseline.LagUnderLoad.P50Ms),
        Ratio(wan.LagUnderLoad.P99Ms, baseline.LagUnderLoad.P99Ms),
        wan.Lag.P50Ms - wan.Lag.WanLatencyMs);

    /// <summary><paramref name="measured"/> as a multiple of <paramref name="baseline"/>; NaN when the baseline is 0.</summary>
    public static double Ratio(double measured, double baseline) => baseline > 0 ? measured / baseline : double.NaN;
}
