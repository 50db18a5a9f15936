namespace GeoStore.Abstractions.Messages;

/// <summary>A tree one replica built for a peer's walk: its name, depth, how many keys it summarises and its root.</summary>
[GenerateSerializer, Immutable]
public sealed record MerkleSnapshot(
    [property: Id(0)] Guid Id,
    [property: Id(1)] int Depth,
    [property: Id(2)] long Keys,
    [property: Id(3)] ulong Root);
