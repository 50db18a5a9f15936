namespace GeoStore.Bench.Load;

/// <summary>
/// What load workers measured: one per worker while running, then merged per phase and per
/// condition (all baseline phases, all WAN phases) before it becomes a <see cref="LoadResult"/>.
/// </summary>
public sealed class LoadTally
{
    public LatencyHistogram Gets { get; } = new();

    public LatencyHistogram Puts { get; } = new();

    public long GetMisses { get; set; }

    public SortedDictionary<string, long> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>Length of the measured windows merged into this tally.</summary>
    public TimeSpan Measured { get; set; }

    public RuntimeActivity Runtime { get; set; } = RuntimeActivity.None;

    public void RecordError(Exception error)
    {
        var kind = error is HttpRequestException { StatusCode: { } status } ? $"HTTP {(int)status}" : error.GetType().Name;
        Errors[kind] = Errors.GetValueOrDefault(kind) + 1;
    }

    /// <summary>Adds another worker's counts (same window: <see cref="Measured"/> is kept).</summary>
    public LoadTally AddWorker(LoadTally worker)
    {
        Gets.Add(worker.Gets);
        Puts.Add(worker.Puts);
        GetMisses += worker.GetMisses;
        foreach (var (kind, count) in worker.Errors)
        {
            Errors[kind] = Errors.GetValueOrDefault(kind) + count;
        }

        return this;
    }

    /// <summary>Adds another phase's counts (a later window: <see cref="Measured"/> and GC add up).</summary>
    public LoadTally AddPhase(LoadTally phase)
    {
        AddWorker(phase);
        Measured += phase.Measured;
        Runtime += phase.Runtime;
        return this;
    }

    public LoadResult ToResult(string phase, int wanLatencyMs, int concurrency)
    {
        var all = new LatencyHistogram();
        all.Add(Gets);
        all.Add(Puts);
        return new LoadResult(
            phase, wanLatencyMs, concurrency, Measured.TotalSeconds,
            OperationStats.From(all, Measured), OperationStats.From(Gets, Measured), OperationStats.From(Puts, Measured),
            GetMisses, new SortedDictionary<string, long>(Errors, StringComparer.Ordinal), Runtime);
    }
}
