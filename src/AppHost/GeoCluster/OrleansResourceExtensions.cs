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
    public static ProjectResourceBuilder WithOrleansSilo(this ProjectResourceBuilder builder, OrleansCluster cluster, int siloPort, int gatewayPort)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(cluster);
        return builder
            .WithEndpoint(SiloEndpoint, siloPort)
            .WithEndpoint(GatewayEndpoint, gatewayPort)
            .WithCluster(cluster)
            .WithEnvironment("Orleans__Name", builder.Resource.Name)
            .WithEnvironment("Orleans__Endpoints__AdvertisedIPAddress", ProjectResourceBuilder.LoopbackHost)
            .WithEnvironment("Orleans__Endpoints__SiloPort", siloPort.ToString(CultureInfo.InvariantCulture))
            .WithEnvironment("Orleans__Endpoints__GatewayPort", gatewayPort.ToString(CultureInfo.InvariantCulture))
            .WithEnvironment("Orleans__Clustering__PrimarySiloEndPoint", cluster.PrimarySiloEndPoint);
    }

    /// <summary>Makes the resource a client of <paramref name="cluster"/> that connects only through <paramref name="silos"/>.</summary>
    public static ProjectResourceBuilder WithOrleansClient(this ProjectResourceBuilder builder, OrleansCluster cluster, IEnumerable<ProjectResourceBuilder> silos)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(silos);
        builder.WithCluster(cluster);
        foreach (var (silo, index) in silos.Select((s, i) => (s, i)))
        {
            builder.WithEnvironment($"Orleans__Clustering__Gateways__{index}", silo.Resource.GetEndpoint(GatewayEndpoint).HostAndPort);
        }

        return builder;
    }

    private static ProjectResourceBuilder WithCluster(this ProjectResourceBuilder builder, OrleansCluster cluster) => builder
        .WithEnvironment("Orleans__ClusterId", cluster.ClusterId)
        .WithEnvironment("Orleans__ServiceId", cluster.ServiceId)
        .WithEnvironment("Orleans__Clustering__ProviderType", "Development");
}
