namespace GeoStore.Core.Keyspaces;

/// <summary>A named keyspace and its policy; <paramref name="Revision"/> grows with every change.</summary>
[GenerateSerializer, Immutable]
public sealed record KeyspaceDefinition(
    [property: Id(0)] string Name,
    [property: Id(1)] KeyspacePolicy Policy,
    [property: Id(2)] long Revision);
