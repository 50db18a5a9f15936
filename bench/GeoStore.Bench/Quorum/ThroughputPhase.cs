using GeoStore.Bench.Load;

namespace GeoStore.Bench.Quorum;

/// <summary>One closed-loop throughput phase of one condition, in the order the phases ran.</summary>
public sealed record ThroughputPhase(int Index, string Condition, LoadResult Load);
