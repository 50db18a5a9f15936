using System.Globalization;
using GeoStore.AppHost.Model;

namespace GeoStore.AppHost.GeoCluster;

/// <summary>
/// Orleans configuration passed as environment variables in the shape Orleans' own configuration
/// binding reads (<c>Orleans__ClusterId</c>, <c>Orleans__Endpoints__*</c>, <c>Orleans__Clustering__*</c>),
/// as Aspire's Orleans integration does.
/// </summary>
public static class OrleansResourceExtensions
{
    public const string SiloEndpoint = "silo";
    public const string GatewayEndpoint = "gateway";

    /// <summary>Makes the resource a silo of <paramref name="cluster"/> listening on the given ports.</summary>
    public static ResourceBuilder<ProjectResource> WithOrleansSilo(this ResourceBuilder<ProjectResource> builder, OrleansCluster cluster, int siloPort, int gatewayPort)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(cluster);
        return builder
            .WithEndpoint(SiloEndpoint, siloPort)
            .WithEndpoint(GatewayEndpoint, gatewayPort)
            .WithCluster(cluster)
            .WithClustering(cluster, gateways: null)
            .WithEnvironment("Orleans__Name", builder.Resource.Name)
            .WithEnvironment("Orleans__Endpoints__AdvertisedIPAddress", ResourceEndpoint.LoopbackHost)
            .WithEnvironment("Orleans__Endpoints__SiloPort", siloPort.ToString(CultureInfo.InvariantCulture))
            .WithEnvironment("Orleans__Endpoints__GatewayPort", gatewayPort.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Makes the resource a client of <paramref name="cluster"/> that connects only through <paramref name="silos"/>.</summary>
    public static ResourceBuilder<ProjectResource> WithOrleansClient(this ResourceBuilder<ProjectResource> builder, OrleansCluster cluster, IEnumerable<ResourceBuilder<ProjectResource>> silos)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(silos);
        return builder
            .WithCluster(cluster)
            .WithClustering(cluster, [.. silos.Select(s => s.Resource.GetEndpoint(GatewayEndpoint))]);
    }

    private static ResourceBuilder<ProjectResource> WithCluster(this ResourceBuilder<ProjectResource> builder, OrleansCluster cluster) => builder
        .WithEnvironment("Orleans__ClusterId", cluster.ClusterId)
        .WithEnvironment("Orleans__ServiceId", cluster.ServiceId);

    /// <summary>
    /// How silos and clients find each other: the one place that says so. Development clustering: a
    /// silo joins through the primary silo; a client (<paramref name="gateways"/> set) knows its gateways.
    /// Membership in Azure Tables would instead give silos and clients alike
    /// <c>Orleans__Clustering__ProviderType=AzureTables</c> and <c>Orleans__Clustering__ConnectionString</c>.
    /// </summary>
    private static ResourceBuilder<ProjectResource> WithClustering(this ResourceBuilder<ProjectResource> builder, OrleansCluster cluster, IReadOnlyList<ResourceEndpoint>? gateways)
    {
        builder.WithEnvironment("Orleans__Clustering__ProviderType", "Development");
        if (gateways is null)
        {
            return builder.WithEnvironment("Orleans__Clustering__PrimarySiloEndPoint", cluster.PrimarySiloEndPoint);
        }

        foreach (var (gateway, index) in gateways.Select((g, i) => (g, i)))
        {
            builder.WithEnvironment($"Orleans__Clustering__Gateways__{index}", gateway.HostAndPort);
        }

        return builder;
    }
}
