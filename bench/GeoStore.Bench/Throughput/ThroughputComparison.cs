using System.Globalization;
using GeoStore.Bench.Clusters;
using GeoStore.Bench.Load;
using GeoStore.Bench.Topology;

namespace GeoStore.Bench.Throughput;

/// <summary>
/// Throughput of several keyspace conditions in one process, the first the baseline: a JIT warm-up
/// of the same mix, then closed-loop phases in the order A B C C B A … (so a drift of the machine's
/// speed falls on every condition alike), pooled per condition, each as a ratio against the
/// baseline and with its own spread. Every key of <c>keys</c> must already be on every replica of
/// every condition's keyspace, so no phase times a grain activation. After each phase replication drains, so no phase leaves work
/// to the next (a multi-leader write is acknowledged before it replicates).
/// </summary>
public sealed class ThroughputComparison(BenchCluster cluster, ConflictMeter conflicts, IReadOnlyList<string> keys, ThroughputPlan plan, TimeProvider time, TextWriter progress)
{
    private static readonly TimeSpan DrainPoll = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// Unmeasured 2 s slices of the mix, cycling over <paramref name="conditions"/>, until at least
    /// <paramref name="minimum"/> has passed and the JIT is quiet, or <paramref name="maximum"/> has (see <see cref="Warmup"/>).
    /// </summary>
    public async Task<WarmupResult> WarmUpAsync(IReadOnlyList<ThroughputCondition> conditions, TimeSpan minimum, TimeSpan maximum, CancellationToken cancellationToken)
    {
        var mix = new ClosedLoopMix(cluster, time);
        progress.WriteLine(Format($"warming up (at least {minimum.TotalSeconds:0} s, until the JIT is quiet)…"));
        var started = time.GetTimestamp();
        for (var slice = 0; ; slice++)
        {
            var condition = conditions[slice % conditions.Count];
            var tally = (await mix.RunAsync(
                condition, keys, plan.Clients, plan.ReadRatio, TimeSpan.Zero, Warmup.Slice, plan.Seed + slice + 1, plan.ValueSize, WriteRegion, cancellationToken)).Tally;
            var elapsed = time.GetElapsedTime(started);
            var jitShare = tally.Runtime.JitMs / tally.Runtime.WindowMs;
            var quiet = jitShare < Warmup.QuietJitShare;
            var ops = (tally.Gets.Count + tally.Puts.Count) / Warmup.Slice.TotalSeconds;
            progress.WriteLine(Format($"  warm-up slice {slice + 1} ({condition.Name}): {ops:0} ops/s, JIT {tally.Runtime.JitMethods} methods in {tally.Runtime.JitMs:0} ms, GC paused {tally.Runtime.GcPausedShare:P0}"));
            if ((elapsed >= minimum && quiet) || elapsed >= maximum)
            {
                await cluster.DrainAsync(BenchRun.ReplicationDeadline, DrainPoll);
                return new WarmupResult(elapsed.TotalSeconds, jitShare, quiet);
            }
        }
    }

    /// <summary>The phases in the order they ran, and each condition pooled, <paramref name="conditions"/>[0] the baseline.</summary>
    public async Task<(IReadOnlyList<ThroughputPhase> Phases, IReadOnlyList<ThroughputResult> Pooled)> MeasureAsync(
        IReadOnlyList<ThroughputCondition> conditions, CancellationToken cancellationToken)
    {
        var mix = new ClosedLoopMix(cluster, time);
        var phases = new List<ThroughputPhase>();
        var pooled = conditions.ToDictionary(c => c.Name, _ => new LoadTally(), StringComparer.Ordinal);
        var allocated = conditions.ToDictionary(c => c.Name, _ => 0L, StringComparer.Ordinal);
        var conflicted = conditions.ToDictionary(c => c.Name, _ => 0L, StringComparer.Ordinal);
        for (var round = 0; round < plan.Rounds; round++)
        {
            foreach (var condition in round % 2 == 0 ? conditions : conditions.Reverse())
            {
                progress.WriteLine(Format($"throughput phase {phases.Count + 1}/{conditions.Count * plan.Rounds}: {condition.Name}, {plan.Clients} clients…"));
                var conflictsBefore = conflicts.Count(condition.Keyspace);
                var window = await mix.RunAsync(
                    condition, keys, plan.Clients, plan.ReadRatio, plan.Warmup, plan.Duration, plan.Seed, plan.ValueSize, WriteRegion, cancellationToken);
                var drained = await cluster.DrainAsync(BenchRun.ReplicationDeadline, DrainPoll);
                var made = conflicts.Count(condition.Keyspace) - conflictsBefore;
                phases.Add(new ThroughputPhase(
                    phases.Count + 1, condition.Name, window.Tally.ToResult(condition.Name, 0, plan.Clients), PerOperation(window.AllocatedBytes, window.Operations),
                    window.ActiveTimers, made, drained.TotalSeconds));
                pooled[condition.Name].AddPhase(window.Tally);
                allocated[condition.Name] += window.AllocatedBytes;
                conflicted[condition.Name] += made;
            }
        }

        var results = conditions.Select(c => pooled[c.Name].ToResult(c.Name, 0, plan.Clients)).ToArray();
        var baseline = results[0].All.OpsPerSecond;
        return (phases, [.. conditions.Zip(results, (condition, result) =>
        {
            var own = phases.Where(p => p.Condition == condition.Name).Select(p => p.Load.All.OpsPerSecond).ToArray();
            var spread = own.Min() > 0 ? own.Max() / own.Min() : double.NaN;
            return new ThroughputResult(
                condition, result, baseline > 0 ? result.All.OpsPerSecond / baseline : double.NaN, spread, PerOperation(allocated[condition.Name], result.All.Count),
                1000 * PerOperation(conflicted[condition.Name], result.Puts.Count));
        })]);
    }

    private int? WriteRegion => plan.WriteRegion is { } name ? cluster.Regions.ToList().IndexOf(name) : null;

    private static double PerOperation(long bytes, long operations) => operations > 0 ? bytes / (double)operations : double.NaN;

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
