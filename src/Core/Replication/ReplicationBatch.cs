using System.Collections.Immutable;

namespace GeoStore.Core.Replication;

/// <summary>
/// A run of one log shard shipped to one peer. It covers sequences
/// <paramref name="FromSequence"/>..<paramref name="ThroughSequence"/> of the origin's shard
/// <paramref name="Incarnation"/>; <paramref name="Entries"/> holds those of them the peer replicates
/// (entries of keyspaces the peer is not a replica of are left out, but still covered, so the peer
/// sees no gap). <paramref name="LastSequence"/> is where the origin's shard ended when the batch was
/// read, so a follower knows how far behind it is. A new incarnation means the origin's log started over and sequences restart.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ReplicationBatch(
    [property: Id(0)] string Origin,
    [property: Id(1)] int Shard,
    [property: Id(2)] Guid Incarnation,
    [property: Id(3)] long FromSequence,
    [property: Id(4)] long ThroughSequence,
    [property: Id(5)] ImmutableArray<LogEntry> Entries,
    [property: Id(6)] long LastSequence = 0);
