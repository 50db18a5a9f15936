namespace GeoStore.Bench.Topology;

/// <summary>
/// One acknowledged write of an open-loop run: its place in the schedule, the region it was
/// written in, the index of its key, when it was acknowledged (ms since the run began) and how
/// long it took; <see cref="Measured"/> when it was due inside the measured window.
/// </summary>
public readonly record struct AckedWrite(int Index, int Origin, int Key, double AckedAtMs, double LatencyMs, bool Measured);
