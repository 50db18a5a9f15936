using GeoStore.Bench.Load;
using GeoStore.Bench.Topology;

namespace GeoStore.Bench.OpenLoop;

/// <summary>
/// Drives one latency phase open loop: operation i starts at i ÷ rate seconds whether or not
/// earlier ones have answered, so the load is the same for every row whatever its latency, and a
/// slow row piles up operations in flight instead of quietly lowering the rate. The scenario draws
/// each operation (its case, key and value) from the phase's seeded <see cref="Random"/>, so a phase
/// replays its choices. The timer ticks about every millisecond; operations falling due together start together.
/// </summary>
public sealed class OpenLoopLatency(TimeProvider time)
{
    /// <param name="next">
    /// Draws the next operation's choices from the phase's <see cref="Random"/> (on the scheduling
    /// loop, in order) and returns the operation, to be started at once. The operation answers true
    /// when its answer reached less than it asked for (counted as <see cref="LatencyPhase.Short"/>).
    /// </param>
    public async Task<LatencyPhase> RunAsync(
        Func<Random, Func<Task<bool>>> next, int rate, TimeSpan warmup, TimeSpan measured, int seed, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        var firstMeasured = (int)Math.Round(rate * warmup.TotalSeconds);
        var total = firstMeasured + Math.Max(1, (int)Math.Round(rate * measured.TotalSeconds));
        var operations = new Task<Outcome>[total];
        var late = new double[total - firstMeasured];
        var started = time.GetTimestamp();
        var runtime = RuntimeActivity.Start();
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds(i / (double)rate);
            var wait = due - time.GetElapsedTime(started);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken);
            }

            if (i == firstMeasured)
            {
                runtime = RuntimeActivity.Start();
            }

            if (i >= firstMeasured)
            {
                late[i - firstMeasured] = (time.GetElapsedTime(started) - due).TotalMilliseconds;
            }

            operations[i] = Run(next(random));
        }

        var window = time.GetElapsedTime(started) - TimeSpan.FromSeconds(firstMeasured / (double)rate) + TimeSpan.FromSeconds(1.0 / rate);
        var activity = runtime.Until(window);
        var outcomes = (await Task.WhenAll(operations)).Skip(firstMeasured).ToArray();
        var answered = outcomes.Where(o => o.Error is null).ToArray();
        return new LatencyPhase(
            rate, window.TotalSeconds, outcomes.Length, Spread.Of(answered.Select(o => o.LatencyMs)), Spread.Of(late).P99,
            outcomes.Length - answered.Length, outcomes.Select(o => o.Error).FirstOrDefault(e => e is not null), answered.Count(o => o.Short), activity);
    }

    private async Task<Outcome> Run(Func<Task<bool>> operation)
    {
        var begun = time.GetTimestamp();
        try
        {
            var isShort = await operation();
            return new Outcome(time.GetElapsedTime(begun).TotalMilliseconds, isShort, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new Outcome(double.NaN, false, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private sealed record Outcome(double LatencyMs, bool Short, string? Error);
}
