using System.Globalization;
using GeoStore.AppHost.Model;
using GeoStore.AppHost.Storage;

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

    /// <summary>The connection name under which silos find the membership table's storage account.</summary>
    public const string MembershipConnection = "clustering";

    /// <summary>
    /// Makes the resource a silo of <paramref name="cluster"/> listening on the given ports. With
    /// <paramref name="membership"/>, silos keep membership in its Azure Tables (no primary silo);
    /// without it they use development clustering through the primary silo.
    /// </summary>
    public static ResourceBuilder<ProjectResource> WithOrleansSilo(this ResourceBuilder<ProjectResource> builder, OrleansCluster cluster, int siloPort, int gatewayPort, ResourceBuilder<AzuriteResource>? membership = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(cluster);
        return builder
            .WithEndpoint(SiloEndpoint, siloPort)
            .WithEndpoint(GatewayEndpoint, gatewayPort)
            .WithCluster(cluster)
            .WithSiloClustering(cluster, membership)
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
            .WithClientClustering([.. silos.Select(s => s.Resource.GetEndpoint(GatewayEndpoint))]);
    }

    private static ResourceBuilder<ProjectResource> WithCluster(this ResourceBuilder<ProjectResource> builder, OrleansCluster cluster) => builder
        .WithEnvironment("Orleans__ClusterId", cluster.ClusterId)
        .WithEnvironment("Orleans__ServiceId", cluster.ServiceId);

    /// <summary>
    /// How silos find each other. Azure Tables membership (Aspire's convention: a provider type and a
    /// service key naming the connection string) has no primary silo: any silo may die and rejoin.
    /// Development clustering makes every silo join through the primary.
    /// </summary>
    private static ResourceBuilder<ProjectResource> WithSiloClustering(this ResourceBuilder<ProjectResource> builder, OrleansCluster cluster, ResourceBuilder<AzuriteResource>? membership)
    {
        if (membership is not null)
        {
            return builder
                .WithEnvironment("Orleans__Clustering__ProviderType", "AzureTables")
                .WithEnvironment("Orleans__Clustering__ServiceKey", MembershipConnection)
                .WithReference(membership, MembershipConnection);
        }

        return builder
            .WithEnvironment("Orleans__Clustering__ProviderType", "Development")
            .WithEnvironment("Orleans__Clustering__PrimarySiloEndPoint", cluster.PrimarySiloEndPoint);
    }

    /// <summary>
    /// How a client finds the cluster: always its own region's gateways, listed, so a request enters
    /// the grain layer in the client's region (a membership table would offer every region's gateways).
    /// </summary>
    private static ResourceBuilder<ProjectResource> WithClientClustering(this ResourceBuilder<ProjectResource> builder, IReadOnlyList<ResourceEndpoint> gateways)
    {
        builder.WithEnvironment("Orleans__Clustering__ProviderType", "Development");
        foreach (var (gateway, index) in gateways.Select((g, i) => (g, i)))
        {
            builder.WithEnvironment($"Orleans__Clustering__Gateways__{index}", gateway.HostAndPort);
        }

        return builder;
    }
}
