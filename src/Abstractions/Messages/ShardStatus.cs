using System.Collections.Immutable;

namespace GeoStore.Abstractions.Messages;

/// <summary>One log shard's position and what each peer has acknowledged of it.</summary>
[GenerateSerializer, Immutable]
public sealed record ShardStatus(
    [property: Id(0)] int Shard,
    [property: Id(1)] long LastSequence,
    [property: Id(2)] ImmutableArray<PeerLag> Peers);
