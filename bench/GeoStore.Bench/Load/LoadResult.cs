namespace GeoStore.Bench.Load;

/// <summary>
/// One measured load phase. Only successful operations count towards throughput and latency;
/// failures are tallied by kind in <see cref="Errors"/>.
/// </summary>
public sealed record LoadResult(
    string Phase,
    int WanLatencyMs,
    int Concurrency,
    double MeasuredSeconds,
    OperationStats All,
    OperationStats Gets,
    OperationStats Puts,
    long GetMisses,
    IReadOnlyDictionary<string, long> Errors,
    RuntimeActivity Runtime)
{
    public long ErrorCount => Errors.Values.Sum();
}
