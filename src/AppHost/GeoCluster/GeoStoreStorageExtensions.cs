using GeoStore.AppHost.Model;
using GeoStore.AppHost.Storage;

namespace GeoStore.AppHost.GeoCluster;

/// <summary>Where a silo keeps its state: <c>GeoStore__Storage</c> and, for Azure Tables, its region's connection string.</summary>
public static class GeoStoreStorageExtensions
{
    /// <summary>
    /// With <paramref name="azurite"/>, the silo keeps its state in Azure Tables
    /// (<c>GeoStore__Storage=AzureTables</c>) through <c>ConnectionStrings__geostore-{region}</c>, and
    /// starts once Azurite is ready; without it, in its own memory (<c>GeoStore__Storage=Memory</c>).
    /// </summary>
    public static ResourceBuilder<ProjectResource> WithGeoStoreStorage(this ResourceBuilder<ProjectResource> silo, string region, ResourceBuilder<AzuriteResource>? azurite)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrEmpty(region);
        if (azurite is null)
        {
            return silo.WithEnvironment("GeoStore__Storage", "Memory");
        }

        // In production every region has its own storage account, hence one name per region; locally
        // they all lead to the one Azurite account (each region has its own tables in it).
        return silo
            .WithEnvironment("GeoStore__Storage", "AzureTables")
            .WithReference(azurite, $"geostore-{region}")
            .WaitFor(azurite);
    }
}
