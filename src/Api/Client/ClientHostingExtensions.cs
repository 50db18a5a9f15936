using System.Runtime.CompilerServices;
using GeoStore.Abstractions.Catalog;
using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Options;
using GeoStore.Clustering.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace GeoStore.Api.Client;

/// <summary>
/// Connects this API process to its own region's silos only. Orleans reads the Aspire-style
/// <c>Orleans:Clustering:ProviderType</c> (<c>Development</c>) and <c>Orleans:Clustering:Gateways:0</c>,
/// <c>…:1</c> (ip:port), listing only this region's gateways, so every request enters the grain
/// layer in this region. With <c>Orleans:Clustering:ProviderType=AzureTables</c> (and
/// <c>ConnectionString</c>, or <c>ServiceKey</c> naming a <c>ConnectionStrings</c> entry) it reads the
/// gateways of its cluster (<c>Orleans:ClusterId</c>) from the Azure Table membership table instead:
/// every active gateway of the cluster, which is this region's when each region is its own cluster.
/// (Where one cluster holds every region, keep listing this region's gateways.)
/// Without that section it uses the local gateway at 127.0.0.1:30000.
/// </summary>
public static class ClientHostingExtensions
{
    public static WebApplicationBuilder AddGeoStoreClient(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;

        // Register GeoStore's configuration-driven clustering provider whatever the entry assembly is
        // (Orleans otherwise finds it only by scanning the entry assembly's references).
        RuntimeHelpers.RunModuleConstructor(typeof(AzureTableClusteringClientProvider).Module.ModuleHandle);

        builder.Services.AddOptions<GeoStoreOptions>().BindConfiguration(GeoStoreOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<GeoStoreOptions>, GeoStoreOptionsValidator>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ControlPlane>();
        builder.Services.AddSingleton<KeyspaceCache>();
        builder.Services.AddHostedService<CatalogRefresher>();

        builder.UseOrleansClient(client =>
        {
            if (!config.GetSection("Orleans:Clustering").Exists())
            {
                client.UseLocalhostClustering();
            }

            client.AddActivityPropagation();
            if (config.GetValue<bool>("GeoStore:OrleansDashboard"))
            {
                client.AddDashboard();
            }

            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = TimeSpan.FromSeconds(5));
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(10));

            // The silos may still be starting (the launcher starts everything at once): keep trying.
            client.UseConnectionRetryFilter(async (_, cancellationToken) =>
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
                return true;
            });
        });
        return builder;
    }
}
