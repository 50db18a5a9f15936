using Microsoft.Extensions.Configuration;

namespace GeoStore.Grains.Storage.AzureTables;

/// <summary>
/// Where a region keeps its state in Azure Table Storage: the connection string comes from
/// <c>ConnectionStrings:geostore-{region}</c>, or <c>ConnectionStrings:geostore</c> for every region.
/// </summary>
public static class AzureTableStorageOptions
{
    public static string? ConnectionStringFor(IConfiguration configuration, string region) =>
        configuration[$"ConnectionStrings:geostore-{region}"] is { Length: > 0 } perRegion ? perRegion : configuration["ConnectionStrings:geostore"];
}
