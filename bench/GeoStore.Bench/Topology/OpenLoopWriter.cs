using GeoStore.Bench.Load;

namespace GeoStore.Bench.Topology;

/// <summary>
/// Drives a <see cref="WriteLoad"/>: write i is started at i ÷ rate seconds after the run began,
/// without waiting for earlier writes (open loop, as independent clients would), so a slow
/// cluster piles up writes in flight instead of quietly lowering the rate. The timer ticks about
/// every millisecond; writes falling due together start together.
/// </summary>
public sealed class OpenLoopWriter(TopologyCluster cluster, TimeProvider time)
{
    public const int PreloadConcurrency = 16;

    /// <summary>Writes every key once, key i in region i mod regions, so no phase times a grain activation.</summary>
    public Task PreloadAsync(string keyspace, IReadOnlyList<string> keys, int valueSize, int seed)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, PreloadConcurrency).Select(async worker =>
        {
            var random = new Random(unchecked((seed * 1_000_003) + worker));
            int index;
            while ((index = Interlocked.Increment(ref next)) < keys.Count)
            {
                var value = new byte[valueSize];
                random.NextBytes(value);
                await cluster.WriteAsync(index % cluster.Regions.Count, keyspace, keys[index], value);
            }
        }));
    }

    public async Task<WriteRun> RunAsync(WriteLoad load, ArrivalProbe? probe, CancellationToken cancellationToken)
    {
        var random = new Random(load.Seed);
        var firstMeasured = (int)Math.Round(load.Rate * load.Warmup.TotalSeconds);
        var total = firstMeasured + Math.Max(1, (int)Math.Round(load.Rate * load.Measured.TotalSeconds));
        var writes = new Task<AckedWrite?>[total];
        var late = new double[total - firstMeasured];
        var errors = new ErrorTally();
        var started = time.GetTimestamp();
        var runtime = RuntimeActivity.Start();
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds(i / (double)load.Rate);
            var wait = due - time.GetElapsedTime(started);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken);
            }

            var measured = i >= firstMeasured;
            if (i == firstMeasured)
            {
                runtime = RuntimeActivity.Start();
            }

            if (measured)
            {
                late[i - firstMeasured] = (time.GetElapsedTime(started) - due).TotalMilliseconds;
            }

            var origin = random.Next(cluster.Regions.Count);
            var key = random.Next(load.Keys.Count);
            var value = new byte[load.ValueSize];
            random.NextBytes(value);
            var probed = measured && load.SampleEvery > 0 && (i - firstMeasured) % load.SampleEvery == 0;
            writes[i] = Write(load, i, origin, key, value, measured, probed ? probe : null, started, errors);
        }

        // The window lasts from the first measured write's due time until one interval after the last was started.
        var window = time.GetElapsedTime(started) - TimeSpan.FromSeconds(firstMeasured / (double)load.Rate) + TimeSpan.FromSeconds(1.0 / load.Rate);
        var activity = runtime.Until(window);
        var acknowledged = (await Task.WhenAll(writes)).OfType<AckedWrite>().ToArray();
        var measuredWrites = acknowledged.Where(w => w.Measured).ToArray();
        var latency = Spread.Of(measuredWrites.Select(w => w.LatencyMs));
        return new WriteRun(acknowledged, new WriteRunResult(
            load.Rate, window.TotalSeconds, late.Length, measuredWrites.Length, errors.Count, errors.First,
            measuredWrites.Length / window.TotalSeconds, Spread.Of(late).P99, latency.P50, latency.P99, activity));
    }

    private async Task<AckedWrite?> Write(
        WriteLoad load, int index, int origin, int key, byte[] value, bool measured, ArrivalProbe? probe, long started, ErrorTally errors)
    {
        var begun = time.GetTimestamp();
        try
        {
            var version = await cluster.WriteAsync(origin, load.Keyspace, load.Keys[key], value);
            var acknowledged = time.GetTimestamp();
            probe?.Follow(origin, load.Keys[key], version, acknowledged);
            return new AckedWrite(
                index, origin, key, time.GetElapsedTime(started, acknowledged).TotalMilliseconds, time.GetElapsedTime(begun, acknowledged).TotalMilliseconds, measured);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            errors.Record(ex);
            return null;
        }
    }

    /// <summary>Failed writes: how many, and the first one's message.</summary>
    private sealed class ErrorTally
    {
        private readonly Lock _gate = new();

        public int Count { get; private set; }

        public string? First { get; private set; }

        public void Record(Exception ex)
        {
            lock (_gate)
            {
                Count++;
                First ??= $"{ex.GetType().Name}: {ex.Message}";
            }
        }
    }
}
