namespace GeoStore.Bench.Load;

/// <summary>How long the warm-up ran, and the share of its last slice the JIT spent compiling (<see cref="JitQuiet"/> when under the threshold).</summary>
public sealed record WarmupResult(double Seconds, double LastSliceJitShare, bool JitQuiet);
