using GeoStore.Core.Versioning;

namespace GeoStore.Abstractions.Messages;

/// <summary>
/// A chain member's answer to a read: the committed version of the key (a tombstone or nothing
/// reads as absent), its sequence number (0 when none), and whether the member had to ask the tail
/// which version is committed.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ChainReplicaRead(
    [property: Id(0)] VersionedValue? Value,
    [property: Id(1)] long Sequence,
    [property: Id(2)] string ServedBy,
    [property: Id(3)] bool AskedTail);
