using GeoStore.Bench.Load;

namespace GeoStore.Bench.Throughput;

/// <summary>
/// One closed-loop throughput phase of one condition, in the order the phases ran, with the bytes
/// the process allocated per operation and the timers alive at its end (see <see cref="ThroughputWindow"/>),
/// the conflicts its writes made (the <c>geostore.conflicts</c> metric: LWW losers, once per region
/// that resolved one), and how long replication took to
/// drain after it (work a multi-leader phase left behind).
/// </summary>
public sealed record ThroughputPhase(
    int Index, string Condition, LoadResult Load, double AllocatedBytesPerOperation, long ActiveTimers, long ConflictRecords, double DrainSeconds);
