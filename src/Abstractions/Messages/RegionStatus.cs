using System.Collections.Immutable;
using GeoStore.Core.Versioning;

namespace GeoStore.Abstractions.Messages;

/// <summary>
/// A region's log position (entries appended over all shards), lag to every peer, writes it holds
/// for unreachable peers, and the newest write it has applied from each other region (how stale it
/// may be: a write made there after that time has not reached this region yet).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record RegionStatus(
    [property: Id(0)] string Region,
    [property: Id(1)] long LogPosition,
    [property: Id(2)] ImmutableArray<PeerLag> Peers,
    [property: Id(3)] ImmutableArray<HintBacklog> Hints,
    [property: Id(4)] TimestampVector? Applied = null);
