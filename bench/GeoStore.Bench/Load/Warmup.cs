using GeoStore.Bench.Lag;

namespace GeoStore.Bench.Load;

/// <summary>
/// Unmeasured load before the first measured phase, in slices, until at least the minimum has
/// passed and the JIT spent under <see cref="QuietJitShare"/> of a slice compiling, or the
/// maximum has passed. Tiered compilation keeps rewriting hot methods for tens of seconds under
/// load, and on a busy machine its background thread falls behind, so a fixed warm-up is either
/// too short or wasteful.
/// </summary>
public static class Warmup
{
    public static readonly TimeSpan Slice = TimeSpan.FromSeconds(2);

    public const double QuietJitShare = 0.01;

    public static async Task<WarmupResult> RunAsync(
        LoadGenerator load, ReplicationLagProbe probe, TimeSpan minimum, TimeSpan maximum, TimeProvider time, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var slice = 0;
        while (true)
        {
            slice++;
            var tally = await load.RunAsync(TimeSpan.Zero, Slice, stop => probe.MeasureUntilAsync($"warmup-{slice}", stop), cancellationToken);
            var elapsed = time.GetElapsedTime(started);
            var jitShare = tally.Runtime.JitMs / Slice.TotalMilliseconds;
            var quiet = jitShare < QuietJitShare;
            if ((elapsed >= minimum && quiet) || elapsed >= maximum)
            {
                return new WarmupResult(elapsed.TotalSeconds, jitShare, quiet);
            }
        }
    }
}
