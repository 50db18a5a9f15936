using System.Reflection;
using GeoStore.AppHost.Hosting;
using GeoStore.AppHost.Model;

namespace GeoStore.AppHost.GeoCluster;

/// <summary>Declares GeoStore's local geo-cluster: per region, its silos and one API.</summary>
public static class GeoClusterBuilderExtensions
{
    public const string ClusterId = "geostore-local";
    public const string ServiceId = "geostore";

    /// <summary>
    /// Adds <c>silo-{region}-{n}</c> and <c>api-{region}</c> for every region. All silos form one
    /// Orleans cluster (the first region's first silo is the primary and starts first); each API
    /// talks only to its own region's silos and starts once they are ready.
    /// </summary>
    public static DistributedApplicationBuilder AddGeoCluster(this DistributedApplicationBuilder builder, GeoClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        var host = Assembly.GetExecutingAssembly();
        var siloProject = ProjectMetadata.Read(host, "GeoStore.Silo");
        var apiProject = ProjectMetadata.Read(host, "GeoStore.Api");

        IReadOnlyList<int> ports = options.SiloBasePort is { } siloBase
            ? [.. Enumerable.Range(siloBase, options.SiloCount * 2)]
            : FreePorts.Take(options.SiloCount * 2);
        var cluster = new OrleansCluster(ClusterId, ServiceId, $"{ProjectResourceBuilder.LoopbackHost}:{ports[0]}");
        var regions = string.Join(',', options.Regions);

        ProjectResourceBuilder? primary = null;
        var apis = new List<(string Region, string ApiUrl)>();
        var k = 0;
        foreach (var (region, r) in options.Regions.Select((region, r) => (region, r)))
        {
            var silos = new List<ProjectResourceBuilder>();
            for (var n = 0; n < options.SilosPerRegion; n++, k++)
            {
                var silo = builder.AddProject($"silo-{region}-{n}", "silo", siloProject)
                    .WithRegion(region)
                    .WithGeoStoreRegion(region, regions)
                    .WithOrleansSilo(cluster, ports[2 * k], ports[(2 * k) + 1])
                    .WithTcpReadiness(OrleansResourceExtensions.GatewayEndpoint);

                // Every other silo joins through the primary, so it must be up first.
                if (primary is null)
                {
                    primary = silo;
                }
                else
                {
                    silo.WaitFor(primary);
                }

                silos.Add(silo);
            }

            var api = builder.AddProject($"api-{region}", "api", apiProject)
                .WithRegion(region)
                .WithGeoStoreRegion(region, regions)
                .WithHttpEndpoint(options.BasePort + r)
                .WithEnvironment("GeoStore__AdminToken", options.AdminToken)
                .WithOrleansClient(cluster, silos)
                .WithHttpReadiness("/ready");
            foreach (var silo in silos)
            {
                api.WaitFor(silo);
            }

            apis.Add((region, api.Resource.GetEndpoint("http").Url));
        }

        if (options.AdminTokenGenerated)
        {
            builder.AnnounceOnStart($"Admin token (generated; pass --admin-token to choose one): {options.AdminToken}");
        }

        return builder.AnnounceWhenReady(TryItHint.Render(apis, options.AdminToken, options.AdminTokenGenerated));
    }

    private static ProjectResourceBuilder WithGeoStoreRegion(this ProjectResourceBuilder builder, string region, string regions) => builder
        .WithEnvironment("GeoStore__Region", region)
        .WithEnvironment("GeoStore__Regions", regions);
}
