namespace GeoStore.Abstractions.Messages;

/// <summary>
/// How far a peer region is behind this region's log: entries not yet acknowledged, and the age
/// in milliseconds of the oldest of them (0 when caught up).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PeerLag(
    [property: Id(0)] string Peer,
    [property: Id(1)] long EntriesBehind,
    [property: Id(2)] long MillisecondsBehind);
