using System.Runtime;

namespace GeoStore.Bench.Load;

/// <summary>
/// What the runtime of this process did during measured windows: garbage collections per
/// generation and the time paused for them, and methods the JIT compiled (tiering up) and the
/// time it spent. In-process that covers the silos too, so it explains latency tails and shows
/// whether the warm-up was long enough (JIT work in a window means it was not).
/// </summary>
public sealed record RuntimeActivity(int Gen0, int Gen1, int Gen2, double GcPausedMs, long JitMethods, double JitMs, double WindowMs)
{
    public static RuntimeActivity None { get; } = new(0, 0, 0, 0, 0, 0, 0);

    public double GcPausedShare => WindowMs > 0 ? GcPausedMs / WindowMs : 0;

    public static Mark Start() => new(
        GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(),
        JitInfo.GetCompiledMethodCount(), JitInfo.GetCompilationTime());

    public static RuntimeActivity operator +(RuntimeActivity a, RuntimeActivity b) => new(
        a.Gen0 + b.Gen0, a.Gen1 + b.Gen1, a.Gen2 + b.Gen2, a.GcPausedMs + b.GcPausedMs,
        a.JitMethods + b.JitMethods, a.JitMs + b.JitMs, a.WindowMs + b.WindowMs);

    /// <summary>Counters at the start of a window.</summary>
    public sealed record Mark(int Gen0, int Gen1, int Gen2, TimeSpan GcPaused, long JitMethods, TimeSpan JitTime)
    {
        public RuntimeActivity Until(TimeSpan window) => new(
            GC.CollectionCount(0) - Gen0, GC.CollectionCount(1) - Gen1, GC.CollectionCount(2) - Gen2,
            (GC.GetTotalPauseDuration() - GcPaused).TotalMilliseconds,
            JitInfo.GetCompiledMethodCount() - JitMethods, (JitInfo.GetCompilationTime() - JitTime).TotalMilliseconds,
            window.TotalMilliseconds);
    }
}
