using System.Net;
using System.Runtime.CompilerServices;
using GeoStore.Clustering.Silo;
using GeoStore.Grains;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace GeoStore.Silo;

/// <summary>
/// Configures this process as a GeoStore silo. Orleans reads its own Aspire-style configuration
/// (<c>Orleans:ClusterId</c>, <c>Orleans:ServiceId</c>, <c>Orleans:Name</c>,
/// <c>Orleans:Endpoints:SiloPort</c>, <c>Orleans:Endpoints:GatewayPort</c>,
/// <c>Orleans:Clustering:ProviderType</c> and its settings); without a clustering section the silo
/// runs alone on localhost. <c>Orleans:Clustering:ProviderType=AzureTables</c> with
/// <c>Orleans:Clustering:ConnectionString</c> (or <c>ServiceKey</c> naming a
/// <c>ConnectionStrings</c> entry) keeps membership in Azure Table Storage, so silo processes form one
/// cluster with no primary silo. The <c>GeoStore</c> section names the region and every region.
/// </summary>
public static class SiloHostingExtensions
{
    public static IHostApplicationBuilder AddGeoStoreSilo(this IHostApplicationBuilder builder)
    {
        var config = builder.Configuration;

        // Orleans finds configuration-driven providers in a registry that each provider assembly's module
        // initializer fills on first use, or else by scanning the entry assembly's references. Register
        // GeoStore's clustering providers now, whatever the entry assembly is (a test host, say).
        RuntimeHelpers.RunModuleConstructor(typeof(AzureTableClusteringSiloProvider).Module.ModuleHandle);

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
                // Declare a killed silo dead within seconds (two missed 2 s probes, one vote), so its
                // region reads as unavailable and a restarted silo finds no stale entry in its way.
                o.ProbeTimeout = TimeSpan.FromSeconds(2);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;

                // Heartbeats in the membership table mark an entry stale after 3 missed ones; 30 s apart by default.
                o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
            });
            silo.AddGeoStore();

            // The Orleans Dashboard's silo side (grain statistics, profiling), shown by the APIs at /orleans-dashboard.
            if (config.GetValue<bool>("GeoStore:OrleansDashboard"))
            {
                silo.AddDashboard();
            }
        });
        return builder;
    }
}
