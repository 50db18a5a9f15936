using GeoStore.Abstractions.Catalog;
using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Options;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace GeoStore.Api.Client;

/// <summary>
/// Connects this API process to its own region's silos only. Orleans reads the Aspire-style
/// <c>Orleans:Clustering:ProviderType</c> (<c>Development</c>) and <c>Orleans:Clustering:Gateways:0</c>,
/// <c>…:1</c> (ip:port), listing only this region's gateways, so every request enters the grain
/// layer in this region. Without that section it uses the local gateway at 127.0.0.1:30000.
/// </summary>
public static class ClientHostingExtensions
{
    public static WebApplicationBuilder AddGeoStoreClient(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
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
