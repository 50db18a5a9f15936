namespace GeoStore.Abstractions.Messages;

/// <summary>What a peer has acknowledged of one incarnation of a log shard.</summary>
[GenerateSerializer, Immutable]
public sealed record PeerPosition(
    [property: Id(0)] Guid Incarnation,
    [property: Id(1)] long Acknowledged);
