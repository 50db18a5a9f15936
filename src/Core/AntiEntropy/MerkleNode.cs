namespace GeoStore.Core.AntiEntropy;

/// <summary>The hash of node <paramref name="Index"/> (0-based, left to right) of one tree level.</summary>
[GenerateSerializer, Immutable]
public readonly record struct MerkleNode([property: Id(0)] int Index, [property: Id(1)] ulong Hash);
