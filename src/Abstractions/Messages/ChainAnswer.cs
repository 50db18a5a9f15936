using System.Collections.Immutable;

namespace GeoStore.Abstractions.Messages;

/// <summary>
/// How a Chain keyspace answered: under chain version <paramref name="Version"/> with
/// <paramref name="Members"/> in order (head first); <paramref name="ServedBy"/> is the tail that
/// acknowledged a write, or the member that answered a read; <paramref name="Sequence"/> is the
/// write's (or the version read's) sequence number in the key's history. A read at a member other
/// than the tail that held an uncommitted version asked the tail which one is committed
/// (<paramref name="AskedTail"/>, CRAQ).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ChainAnswer(
    [property: Id(0)] long Version,
    [property: Id(1)] ImmutableArray<string> Members,
    [property: Id(2)] string ServedBy,
    [property: Id(3)] long Sequence,
    [property: Id(4)] bool AskedTail = false);
