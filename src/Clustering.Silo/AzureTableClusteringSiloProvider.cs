using GeoStore.Clustering;
using GeoStore.Clustering.Silo;
using Microsoft.Extensions.Configuration;
using Orleans.Hosting;
using Orleans.Providers;

[assembly: RegisterProvider(AzureTableClusteringConfiguration.ProviderType, "Clustering", "Silo", typeof(AzureTableClusteringSiloProvider))]
[assembly: RegisterProvider(AzureTableClusteringConfiguration.OrleansProviderType, "Clustering", "Silo", typeof(AzureTableClusteringSiloProvider))]

namespace GeoStore.Clustering.Silo;

/// <summary>
/// <c>Orleans:Clustering:ProviderType=AzureTables</c> on a silo: Orleans finds this through the
/// assembly attribute and hands it the <c>Orleans:Clustering</c> section.
/// </summary>
public sealed class AzureTableClusteringSiloProvider : IProviderBuilder<ISiloBuilder>
{
    public void Configure(ISiloBuilder builder, string? name, IConfigurationSection configurationSection) =>
        builder.UseAzureTableClustering(o => o.Configure<IServiceProvider>((options, services) =>
            AzureTableClusteringConfiguration.Bind(options, configurationSection, services)));
}
