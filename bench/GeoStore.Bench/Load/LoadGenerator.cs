using GeoStore.Bench.Targets;

namespace GeoStore.Bench.Load;

/// <summary>
/// Closed-loop load: <see cref="BenchSettings.Concurrency"/> workers, each issuing one operation
/// at a time, in a region chosen uniformly, PUT or GET by the read ratio, on a key chosen
/// uniformly. Each worker has its own seeded <see cref="Random"/>, so a run replays its choices.
/// </summary>
public sealed class LoadGenerator(IBenchTarget target, BenchSettings settings, TimeProvider time)
{
    private readonly string[] _keys = BenchKeys.LoadKeys(settings.Keys);

    /// <summary>
    /// Runs the mix for <paramref name="warmup"/> and then for the measured window
    /// <paramref name="measured"/>, counting operations that finish inside the window.
    /// <paramref name="duringWindow"/> runs alongside the window and is cancelled when it closes.
    /// </summary>
    public async Task<LoadTally> RunAsync(TimeSpan warmup, TimeSpan measured, Func<CancellationToken, Task>? duringWindow, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var window = new Window(started, warmup, warmup + measured);
        var workers = Enumerable.Range(0, settings.Concurrency)
            .Select(worker => Task.Run(() => MixedWorker(worker, window, cancellationToken), cancellationToken))
            .ToArray();

        await Task.Delay(warmup, time, cancellationToken);
        var runtime = RuntimeActivity.Start();
        var windowOpened = time.GetTimestamp();
        if (duringWindow is not null)
        {
            using var windowOpen = new CancellationTokenSource(measured, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(windowOpen.Token, cancellationToken);
            await duringWindow(linked.Token);
        }

        var remaining = measured - time.GetElapsedTime(windowOpened);
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining, time, cancellationToken);
        }

        var activity = runtime.Until(measured);
        var tallies = await Task.WhenAll(workers);
        return Merge(tallies, measured, activity);
    }

    /// <summary>Writes every load key once, key i in region i mod regions, with the same concurrency.</summary>
    public async Task<LoadTally> PreloadAsync(CancellationToken cancellationToken)
    {
        var next = -1;
        var started = time.GetTimestamp();
        var runtime = RuntimeActivity.Start();
        var tallies = await Task.WhenAll(Enumerable.Range(0, settings.Concurrency).Select(worker => Task.Run(async () =>
        {
            var random = SeededRandom(worker + settings.Concurrency);
            var tally = new LoadTally();
            int index;
            while ((index = Interlocked.Increment(ref next)) < _keys.Length && !cancellationToken.IsCancellationRequested)
            {
                await Put(tally, window: null, random, index % target.Regions.Count, _keys[index], cancellationToken);
            }

            return tally;
        }, cancellationToken)));
        var elapsed = time.GetElapsedTime(started);
        return Merge(tallies, elapsed, runtime.Until(elapsed));
    }

    private async Task<LoadTally> MixedWorker(int worker, Window window, CancellationToken cancellationToken)
    {
        var random = SeededRandom(worker);
        var tally = new LoadTally();
        var regions = target.Regions.Count;
        while (!cancellationToken.IsCancellationRequested && time.GetElapsedTime(window.Started) < window.Closes)
        {
            var region = random.Next(regions);
            var key = _keys[random.Next(_keys.Length)];
            if (random.NextDouble() < settings.ReadRatio)
            {
                await Get(tally, window, region, key, cancellationToken);
            }
            else
            {
                await Put(tally, window, random, region, key, cancellationToken);
            }
        }

        return tally;
    }

    private async Task Get(LoadTally tally, Window window, int region, string key, CancellationToken cancellationToken)
    {
        var begun = time.GetTimestamp();
        try
        {
            var value = await target.GetAsync(region, key, cancellationToken);
            if (Counts(window, begun))
            {
                tally.Gets.Record(time.GetElapsedTime(begun));
                tally.GetMisses += value is null ? 1 : 0;
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            if (Counts(window, begun))
            {
                tally.RecordError(ex);
            }
        }
    }

    /// <summary>One PUT of a fresh random value; <paramref name="window"/> null counts it whenever it happens.</summary>
    private async Task Put(LoadTally tally, Window? window, Random random, int region, string key, CancellationToken cancellationToken)
    {
        // A fresh array each time: in-process the value is handed over by reference, not copied.
        var value = new byte[settings.ValueSize];
        random.NextBytes(value);
        var begun = time.GetTimestamp();
        try
        {
            await target.PutAsync(region, key, value, cancellationToken);
            if (Counts(window, begun))
            {
                tally.Puts.Record(time.GetElapsedTime(begun));
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            if (Counts(window, begun))
            {
                tally.RecordError(ex);
            }
        }
    }

    /// <summary>Whether an operation begun at <paramref name="begun"/> and finishing now lies inside the window.</summary>
    private bool Counts(Window? window, long begun) => window is null || window.Holds(begun, time.GetTimestamp(), time);

    private static LoadTally Merge(LoadTally[] workers, TimeSpan measured, RuntimeActivity runtime)
    {
        var merged = new LoadTally { Measured = measured, Runtime = runtime };
        foreach (var worker in workers)
        {
            merged.AddWorker(worker);
        }

        return merged;
    }

    private Random SeededRandom(int worker) => new(unchecked((settings.Seed * 1_000_003) + worker));

    /// <summary>A run's measured window, as offsets from its start.</summary>
    private sealed record Window(long Started, TimeSpan Opens, TimeSpan Closes)
    {
        public bool Holds(long begun, long finished, TimeProvider time) =>
            time.GetElapsedTime(Started, begun) >= Opens && time.GetElapsedTime(Started, finished) <= Closes;
    }
}
