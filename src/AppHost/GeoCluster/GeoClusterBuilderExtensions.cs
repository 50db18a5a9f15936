using System.Reflection;
using GeoStore.AppHost.Hosting;
using GeoStore.AppHost.Model;
using GeoStore.AppHost.Storage;

namespace GeoStore.AppHost.GeoCluster;

/// <summary>Declares GeoStore's local geo-cluster: per region, its silos and one API.</summary>
public static class GeoClusterBuilderExtensions
{
    public const string ClusterId = "geostore-local";
    public const string ServiceId = "geostore";

    public const string AzuriteName = "azurite";

    /// <summary>
    /// Adds <c>silo-{region}-{n}</c> and <c>api-{region}</c> for every region. All silos form one
    /// Orleans cluster (the first region's first silo is the primary and starts first); each API
    /// talks only to its own region's silos and starts once they are ready. With Azure storage,
    /// <c>azurite</c> starts before every silo and holds every region's tables.
    /// </summary>
    public static DistributedApplicationBuilder AddGeoCluster(this DistributedApplicationBuilder builder, GeoClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        var host = Assembly.GetExecutingAssembly();
        var siloProject = ProjectMetadata.Read(host, "GeoStore.Silo");
        var apiProject = ProjectMetadata.Read(host, "GeoStore.Api");

        // Every port the OS chooses is taken in one go, so none is handed out twice.
        var azure = options.Storage == StorageKind.Azure;
        var free = new Queue<int>(FreePorts.Take((options.SiloBasePort is null ? options.SiloCount * 2 : 0) + (azure ? 1 : 0)));
        IReadOnlyList<int> ports = options.SiloBasePort is { } siloBase
            ? [.. Enumerable.Range(siloBase, options.SiloCount * 2)]
            : [.. Enumerable.Range(0, options.SiloCount * 2).Select(_ => free.Dequeue())];
        var azurite = azure ? builder.AddAzurite(AzuriteName, options.Azurite, free.Dequeue()) : null;
        var cluster = new OrleansCluster(ClusterId, ServiceId, $"{ResourceEndpoint.LoopbackHost}:{ports[0]}");
        var regions = string.Join(',', options.Regions);

        ResourceBuilder<ProjectResource>? primary = null;
        var apis = new List<(string Region, string ApiUrl)>();
        var k = 0;
        foreach (var (region, r) in options.Regions.Select((region, r) => (region, r)))
        {
            var silos = new List<ResourceBuilder<ProjectResource>>();
            for (var n = 0; n < options.SilosPerRegion; n++, k++)
            {
                var silo = builder.AddProject($"silo-{region}-{n}", "silo", siloProject)
                    .WithRegion(region)
                    .WithGeoStoreRegion(region, regions)
                    .WithOrleansSilo(cluster, ports[2 * k], ports[(2 * k) + 1], membership: azurite)
                    .WithGeoStoreStorage(region, azurite)
                    .WithTcpReadiness(OrleansResourceExtensions.GatewayEndpoint);

                // With development clustering every other silo joins through the primary, so it must be
                // up first; with membership in Azure Tables there is no primary and silos start together.
                if (primary is null)
                {
                    primary = silo;
                }
                else if (azurite is null)
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
            if (builder.Options.ControlUrl is { } control)
            {
                // The geo dashboard's "kill region" and "restart region" go through the API to the AppHost.
                api.WithEnvironment("GeoStore__AppHostUrl", control);
            }

            foreach (var silo in silos)
            {
                api.WaitFor(silo);
            }

            apis.Add((region, api.Resource.GetEndpoint("http").Url));
        }

        builder.AnnounceOnStart(azure
            ? $"Storage: Azure Tables in Azurite, data in {options.Azurite.DataDirectory} (--fresh wipes it; --storage memory runs without it)"
            : "Storage: each silo's memory (gone when it stops; --storage azure keeps it in Azurite)");
        if (options.AdminTokenGenerated)
        {
            builder.AnnounceOnStart($"Admin token (generated; pass --admin-token to choose one): {options.AdminToken}");
        }

        return builder.AnnounceWhenReady(TryItHint.Render(apis, options.AdminToken, options.AdminTokenGenerated, builder.Options.ControlUrl));
    }

    private static ResourceBuilder<ProjectResource> WithGeoStoreRegion(this ResourceBuilder<ProjectResource> builder, string region, string regions) => builder
        .WithEnvironment("GeoStore__Region", region)
        .WithEnvironment("GeoStore__Regions", regions)
        .WithEnvironment("GeoStore__OrleansDashboard", "true");
}
