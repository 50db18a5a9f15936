using GeoStore.Clustering;
using GeoStore.Clustering.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Hosting;

namespace GeoStore.Clustering.Silo;

/// <summary>Makes a silo keep its cluster's membership in Azure Table Storage: no primary silo, any silo may die or join.</summary>
public static class AzureTableClusteringSiloBuilderExtensions
{
    public static ISiloBuilder UseAzureTableClustering(this ISiloBuilder builder, Action<AzureTableClusteringOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.UseAzureTableClustering(o => o.Configure(configure));
    }

    public static ISiloBuilder UseAzureTableClustering(this ISiloBuilder builder, Action<OptionsBuilder<AzureTableClusteringOptions>> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddAzureTableMembershipTable(configure);
        return builder;
    }
}
