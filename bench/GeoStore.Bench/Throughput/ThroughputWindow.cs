using GeoStore.Bench.Load;

namespace GeoStore.Bench.Throughput;

/// <summary>
/// What one closed-loop window measured: the operations, the bytes this process allocated during
/// it (every silo included, so bytes per operation is the whole cluster's cost of one), and the
/// timers alive when it closed (<see cref="Timer.ActiveCount"/>: a timer left running per
/// operation shows up here as operations/s × its due time).
/// </summary>
public sealed record ThroughputWindow(LoadTally Tally, long AllocatedBytes, long ActiveTimers)
{
    public long Operations => Tally.Gets.Count + Tally.Puts.Count;
}
