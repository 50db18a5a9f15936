using GeoStore.Clustering;
using GeoStore.Clustering.Hosting;
using Microsoft.Extensions.Configuration;
using Orleans.Hosting;
using Orleans.Providers;

[assembly: RegisterProvider(AzureTableClusteringConfiguration.ProviderType, "Clustering", "Client", typeof(AzureTableClusteringClientProvider))]
[assembly: RegisterProvider(AzureTableClusteringConfiguration.OrleansProviderType, "Clustering", "Client", typeof(AzureTableClusteringClientProvider))]

namespace GeoStore.Clustering.Hosting;

/// <summary>
/// <c>Orleans:Clustering:ProviderType=AzureTables</c> on a client: Orleans finds this through the
/// assembly attribute and hands it the <c>Orleans:Clustering</c> section.
/// </summary>
public sealed class AzureTableClusteringClientProvider : IProviderBuilder<IClientBuilder>
{
    public void Configure(IClientBuilder builder, string? name, IConfigurationSection configurationSection) =>
        builder.UseAzureTableClustering(o => o.Configure<IServiceProvider>((options, services) =>
            AzureTableClusteringConfiguration.Bind(options, configurationSection, services)));
}
