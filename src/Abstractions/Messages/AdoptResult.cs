using GeoStore.Core.Versioning;

namespace GeoStore.Abstractions.Messages;

/// <summary>What <see cref="Grains.IRegisterGrain.Adopt"/> did: whether the replica changed, and the orphaned value it gave up, if any.</summary>
[GenerateSerializer, Immutable]
public sealed record AdoptResult(
    [property: Id(0)] bool Changed,
    [property: Id(1)] VersionedValue? Orphan = null);
