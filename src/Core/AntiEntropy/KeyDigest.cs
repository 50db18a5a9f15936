using GeoStore.Core.Versioning;

namespace GeoStore.Core.AntiEntropy;

/// <summary>
/// One key as one replica holds it, as anti-entropy compares it: its <see cref="ReplicaDigest"/>,
/// and when all it holds is a delete, that delete's version (<see cref="ReplicaDigest.TombstoneOf"/>).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record KeyDigest(
    [property: Id(0)] string Key,
    [property: Id(1)] ulong Digest,
    [property: Id(2)] WriteVersion? Tombstone = null);
