using GeoStore.Core.Versioning;

namespace GeoStore.Core.Resolution;

/// <summary>One replica of a single-value key: its surviving version (a tombstone after a delete) and every write it has seen.</summary>
[GenerateSerializer, Immutable]
public sealed record SingleValueState(
    [property: Id(0)] VersionedValue? Value,
    [property: Id(1)] TimestampVector Seen)
{
    public static SingleValueState Empty { get; } = new(null, TimestampVector.Empty);
}
