using System.Collections.Immutable;

namespace GeoStore.Core.AntiEntropy;

/// <summary>
/// Some nodes of one level of a replica's tree, as sent across the network to compare trees level
/// by level. <paramref name="Depth"/> is the sender's tree depth, so trees of different shapes are
/// never compared.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record MerkleLevel(
    [property: Id(0)] int Depth,
    [property: Id(1)] int Level,
    [property: Id(2)] ImmutableArray<MerkleNode> Nodes);
