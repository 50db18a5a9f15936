using GeoStore.Core.Versioning;

namespace GeoStore.Core.Replication;

/// <summary>
/// One write in a region's replication log. <paramref name="Sequence"/> is dense and increasing
/// per (origin region, shard), which is what lets a receiver apply each entry once and in order.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LogEntry(
    [property: Id(0)] long Sequence,
    [property: Id(1)] string Origin,
    [property: Id(2)] string Keyspace,
    [property: Id(3)] string Key,
    [property: Id(4)] VersionedValue Value);
