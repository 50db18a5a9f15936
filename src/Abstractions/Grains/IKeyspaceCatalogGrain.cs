using GeoStore.Abstractions.Messages;
using GeoStore.Core.Keyspaces;

namespace GeoStore.Abstractions.Grains;

/// <summary>The keyspace catalog (one grain, keyed by the home region: see <see cref="ControlPlane"/>). Silos and API processes cache it.</summary>
public interface IKeyspaceCatalogGrain : IGrainWithStringKey
{
    Task<KeyspaceCatalogSnapshot> GetSnapshot();

    Task<ControlPlaneVersion> GetVersion();

    /// <summary>Creates or changes a keyspace; throws <see cref="Errors.InvalidKeyspaceException"/> when invalid.</summary>
    Task<KeyspaceDefinition> Put(string name, KeyspacePolicy policy);
}
