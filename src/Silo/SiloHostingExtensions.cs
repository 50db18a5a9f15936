using System.Net;
using GeoStore.Grains;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace GeoStore.Silo;

/// <summary>
/// Configures this process as a GeoStore silo. Orleans reads its own Aspire-style configuration
/// (<c>Orleans:ClusterId</c>, <c>Orleans:ServiceId</c>, <c>Orleans:Name</c>,
/// <c>Orleans:Endpoints:SiloPort</c>, <c>Orleans:Endpoints:GatewayPort</c>,
/// <c>Orleans:Clustering:ProviderType</c> and its settings); without a clustering section the silo
/// runs alone on localhost. The <c>GeoStore</c> section names the region and every region.
/// </summary>
public static class SiloHostingExtensions
{
    public static IHostApplicationBuilder AddGeoStoreSilo(this IHostApplicationBuilder builder)
    {
        var config = builder.Configuration;
        builder.UseOrleans(silo =>
        {
            if (!config.GetSection("Orleans:Clustering").Exists())
            {
                silo.UseLocalhostClustering();
            }

            // A local geo-cluster talks over loopback unless told otherwise.
            if (string.IsNullOrEmpty(config["Orleans:Endpoints:AdvertisedIPAddress"]))
            {
                silo.Configure<EndpointOptions>(o => o.AdvertisedIPAddress = IPAddress.Loopback);
            }
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                // Declare a killed silo dead within seconds, so its region reads as unavailable.
                o.ProbeTimeout = TimeSpan.FromSeconds(2);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
            });
            silo.AddGeoStore();
        });
        return builder;
    }
}
