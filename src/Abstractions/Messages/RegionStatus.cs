using System.Collections.Immutable;

namespace GeoStore.Abstractions.Messages;

/// <summary>A region's log position (entries appended over all shards) and lag to every peer.</summary>
[GenerateSerializer, Immutable]
public sealed record RegionStatus(
    [property: Id(0)] string Region,
    [property: Id(1)] long LogPosition,
    [property: Id(2)] ImmutableArray<PeerLag> Peers);
