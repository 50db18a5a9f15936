using Microsoft.Extensions.Options;
using Orleans.Hosting;

namespace GeoStore.Clustering.Hosting;

/// <summary>Points an Orleans client at the gateways listed in the Azure Table membership table.</summary>
public static class AzureTableClusteringClientBuilderExtensions
{
    public static IClientBuilder UseAzureTableClustering(this IClientBuilder builder, Action<AzureTableClusteringOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        return builder.UseAzureTableClustering(o => o.Configure(configure));
    }

    public static IClientBuilder UseAzureTableClustering(this IClientBuilder builder, Action<OptionsBuilder<AzureTableClusteringOptions>> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddAzureTableGatewayListProvider(configure);
        return builder;
    }
}
