using System.Collections.Immutable;
using GeoStore.Core.Keyspaces;

namespace GeoStore.Abstractions.Messages;

/// <summary>Every keyspace definition at one catalog revision of one catalog epoch.</summary>
[GenerateSerializer, Immutable]
public sealed record KeyspaceCatalogSnapshot(
    [property: Id(0)] long Revision,
    [property: Id(1)] ImmutableArray<KeyspaceDefinition> Keyspaces,
    [property: Id(2)] Guid Epoch = default)
{
    public static KeyspaceCatalogSnapshot Empty { get; } = new(0, []);

    public ControlPlaneVersion Version => new(Epoch, Revision);

    public KeyspaceDefinition? Find(string name) =>
        Keyspaces.FirstOrDefault(k => string.Equals(k.Name, name, StringComparison.Ordinal));
}
