using System.Collections.Immutable;

namespace GeoStore.Core.AntiEntropy;

/// <summary>
/// What a level-by-level walk found: the leaf ranges that differ (merged when adjacent, in order),
/// how many nodes both sides sent, and how many request rounds it took (at most depth + 1).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record MerkleExchangeResult(
    [property: Id(0)] ImmutableArray<HashRange> Ranges,
    [property: Id(1)] int NodesExchanged,
    [property: Id(2)] int Rounds);
