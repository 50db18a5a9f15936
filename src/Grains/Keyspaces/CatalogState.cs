using GeoStore.Abstractions.Messages;

namespace GeoStore.Grains.Keyspaces;

/// <summary>The stored state of the keyspace catalog.</summary>
[GenerateSerializer]
public sealed class CatalogState
{
    [Id(0)]
    public KeyspaceCatalogSnapshot Snapshot { get; set; } = KeyspaceCatalogSnapshot.Empty;
}
