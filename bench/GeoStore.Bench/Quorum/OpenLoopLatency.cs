using GeoStore.Bench.Load;
using GeoStore.Bench.Topology;

namespace GeoStore.Bench.Quorum;

/// <summary>
/// Drives one latency phase open loop: operation i starts at i ÷ rate seconds whether or not
/// earlier ones have answered, so the load is the same for every row whatever its latency, and a
/// slow row piles up operations in flight instead of quietly lowering the rate. Each operation is
/// one of the given cases (chosen by a seeded <see cref="Random"/>) on a key drawn uniformly.
/// The timer ticks about every millisecond; operations falling due together start together.
/// </summary>
public sealed class OpenLoopLatency(QuorumCluster cluster, TimeProvider time)
{
    public async Task<LatencyPhase> RunAsync(
        IReadOnlyList<LatencyCase> cases, string keyspace, IReadOnlyList<string> keys, int rate, TimeSpan warmup, TimeSpan measured,
        int seed, int valueSize, CancellationToken cancellationToken)
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

            var operation = cases[cases.Count == 1 ? 0 : random.Next(cases.Count)];
            var key = keys[random.Next(keys.Count)];
            var value = new byte[valueSize];
            random.NextBytes(value);
            operations[i] = Run(operation, keyspace, key, value);
        }

        var window = time.GetElapsedTime(started) - TimeSpan.FromSeconds(firstMeasured / (double)rate) + TimeSpan.FromSeconds(1.0 / rate);
        var activity = runtime.Until(window);
        var outcomes = (await Task.WhenAll(operations)).Skip(firstMeasured).ToArray();
        var answered = outcomes.Where(o => o.Error is null).ToArray();
        return new LatencyPhase(
            rate, window.TotalSeconds, outcomes.Length, Spread.Of(answered.Select(o => o.LatencyMs)), Spread.Of(late).P99,
            outcomes.Length - answered.Length, outcomes.Select(o => o.Error).FirstOrDefault(e => e is not null), answered.Count(o => o.Short), activity);
    }

    private async Task<Outcome> Run(LatencyCase operation, string keyspace, string key, byte[] value)
    {
        var begun = time.GetTimestamp();
        try
        {
            var answer = await cluster.RunAsync(operation.Operation, operation.Region, keyspace, key, operation.Level, value);
            var latency = time.GetElapsedTime(begun).TotalMilliseconds;
            return new Outcome(latency, answer is null || answer.Acked.Length < operation.Level, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return new Outcome(double.NaN, false, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private sealed record Outcome(double LatencyMs, bool Short, string? Error);
}
