using GeoStore.Core.Versioning;

namespace GeoStore.Abstractions.Messages;

/// <summary>
/// The answer to a write: whether it was applied, the version it got (or the current version when
/// a precondition failed), the region that accepted it and its position in that region's log.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record WriteResult(
    [property: Id(0)] WriteStatus Status,
    [property: Id(1)] WriteVersion? Version,
    [property: Id(2)] string Region,
    [property: Id(3)] int Shard,
    [property: Id(4)] long LogSequence);
