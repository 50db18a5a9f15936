using GeoStore.Core.Versioning;

namespace GeoStore.Abstractions.Messages;

/// <summary>What the serving replica holds for a key (a tombstone or nothing reads as absent).</summary>
[GenerateSerializer, Immutable]
public sealed record ReadResult(
    [property: Id(0)] VersionedValue? Value,
    [property: Id(1)] string Region)
{
    public bool Found => Value is { IsTombstone: false };
}
