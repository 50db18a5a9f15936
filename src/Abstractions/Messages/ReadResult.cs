using GeoStore.Core.Replication;
using GeoStore.Core.Versioning;

namespace GeoStore.Abstractions.Messages;

/// <summary>
/// What the serving replica holds for a key (a tombstone or nothing reads as absent), the region
/// that served it, and the newest write it has applied from each region for this key.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ReadResult(
    [property: Id(0)] VersionedValue? Value,
    [property: Id(1)] string Region,
    [property: Id(2)] TimestampVector? Seen = null,
    [property: Id(3)] ReplicatedState? Merged = null)
{
    public bool Found => Value is { IsTombstone: false };
}
