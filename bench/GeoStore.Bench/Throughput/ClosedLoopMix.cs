using GeoStore.Bench.Clusters;
using GeoStore.Bench.Load;

namespace GeoStore.Bench.Throughput;

/// <summary>
/// The throughput load: closed-loop clients, each with one operation in flight, in a region chosen
/// uniformly (or, for writes, one given region), a read or a write by the read ratio, on a key chosen
/// uniformly, asking for the condition's R or W. Each client has its own seeded <see cref="Random"/>,
/// so a phase replays its choices.
/// </summary>
public sealed class ClosedLoopMix(BenchCluster cluster, TimeProvider time)
{
    /// <summary>
    /// Runs the mix for <paramref name="warmup"/>, then for the measured window
    /// <paramref name="measured"/>, counting operations that begin and end inside the window.
    /// Writes go to <paramref name="writeRegion"/> when given, else to the region drawn for the operation.
    /// </summary>
    public async Task<ThroughputWindow> RunAsync(
        ThroughputCondition condition, IReadOnlyList<string> keys, int clients, double readRatio, TimeSpan warmup, TimeSpan measured,
        int seed, int valueSize, int? writeRegion, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var workers = Enumerable.Range(0, clients)
            .Select(client => Task.Run(
                () => Client(condition, keys, readRatio, writeRegion, started, warmup, warmup + measured, new Random(unchecked((seed * 1_000_003) + client)), valueSize, cancellationToken),
                cancellationToken))
            .ToArray();

        await Task.Delay(warmup, time, cancellationToken);
        var runtime = RuntimeActivity.Start();
        var allocated = GC.GetTotalAllocatedBytes();
        await Task.Delay(measured, time, cancellationToken);
        var activity = runtime.Until(measured);
        allocated = GC.GetTotalAllocatedBytes() - allocated;
        var timers = Timer.ActiveCount;
        var merged = new LoadTally { Measured = measured, Runtime = activity };
        foreach (var tally in await Task.WhenAll(workers))
        {
            merged.AddWorker(tally);
        }

        return new ThroughputWindow(merged, allocated, timers);
    }

    private async Task<LoadTally> Client(
        ThroughputCondition condition, IReadOnlyList<string> keys, double readRatio, int? writeRegion, long started, TimeSpan opens, TimeSpan closes, Random random,
        int valueSize, CancellationToken cancellationToken)
    {
        var tally = new LoadTally();
        var regions = cluster.Regions.Count;
        while (!cancellationToken.IsCancellationRequested && time.GetElapsedTime(started) < closes)
        {
            var region = random.Next(regions);
            var key = keys[random.Next(keys.Count)];
            var read = random.NextDouble() < readRatio;
            var value = read ? [] : new byte[valueSize];
            random.NextBytes(value);
            var begun = time.GetTimestamp();
            try
            {
                if (read)
                {
                    await cluster.ReadAsync(region, condition.Keyspace, key, condition.R);
                }
                else
                {
                    await cluster.WriteAsync(writeRegion ?? region, condition.Keyspace, key, value, condition.W);
                }

                if (Counts(started, begun, opens, closes))
                {
                    (read ? tally.Gets : tally.Puts).Record(time.GetElapsedTime(begun));
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                if (Counts(started, begun, opens, closes))
                {
                    tally.RecordError(ex);
                }
            }
        }

        return tally;
    }

    private bool Counts(long started, long begun, TimeSpan opens, TimeSpan closes) =>
        time.GetElapsedTime(started, begun) >= opens && time.GetElapsedTime(started) <= closes;
}
