using System.Collections.Immutable;

namespace GeoStore.Abstractions.Messages;

/// <summary>A region's log position (entries appended over all shards), lag to every peer, and writes it holds for unreachable peers.</summary>
[GenerateSerializer, Immutable]
public sealed record RegionStatus(
    [property: Id(0)] string Region,
    [property: Id(1)] long LogPosition,
    [property: Id(2)] ImmutableArray<PeerLag> Peers,
    [property: Id(3)] ImmutableArray<HintBacklog> Hints);
