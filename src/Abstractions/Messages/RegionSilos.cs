using System.Collections.Immutable;

namespace GeoStore.Abstractions.Messages;

/// <summary>The live silos of one region, as one silo's membership view sees them.</summary>
[GenerateSerializer, Immutable]
public sealed record RegionSilos(
    [property: Id(0)] string Region,
    [property: Id(1)] ImmutableArray<string> Silos);
