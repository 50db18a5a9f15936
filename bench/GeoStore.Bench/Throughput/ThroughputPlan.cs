namespace GeoStore.Bench.Throughput;

/// <summary>
/// The closed-loop load of a throughput comparison: <paramref name="Clients"/> clients,
/// <paramref name="ReadRatio"/> of their operations reads, each phase <paramref name="Warmup"/>
/// unmeasured then <paramref name="Duration"/> measured, <paramref name="Rounds"/> phases per
/// condition. Operations go to a region drawn uniformly, except writes when
/// <paramref name="WriteRegion"/> names the one region they all go to.
/// </summary>
public sealed record ThroughputPlan(int Clients, double ReadRatio, TimeSpan Warmup, TimeSpan Duration, int Rounds, int Seed, int ValueSize, string? WriteRegion = null);
