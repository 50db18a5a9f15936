namespace GeoStore.Bench.Topology;

/// <summary>One conflict phase: writes from every region at <see cref="Rate"/> per second over a few hot keys, and the conflicts they made.</summary>
public sealed record ConflictRateResult(int Rate, int HotKeys, string Keyspace, WriteRunResult Writes, ConflictResult Conflicts);
