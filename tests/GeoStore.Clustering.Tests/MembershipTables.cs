using GeoStore.Clustering.Gateways;
using GeoStore.Clustering.Membership;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace GeoStore.Clustering.Tests;

/// <summary>Membership tables and gateway list providers of fresh clusters on the shared Azurite.</summary>
internal static class MembershipTables
{
    public static string NewClusterId() => $"test-{Guid.NewGuid():N}";

    public static async Task<AzureTableMembershipTable> InitializedAsync(AzuriteFixture azurite, string? clusterId = null, string? tableName = null)
    {
        var table = Create(azurite, clusterId ?? NewClusterId(), tableName);
        await table.InitializeMembershipTable(tryInitTableVersion: true);
        return table;
    }

    public static AzureTableMembershipTable Create(AzuriteFixture azurite, string clusterId, string? tableName = null) =>
        new(Options.Create(ClusteringOptions(azurite, tableName)), Cluster(clusterId), NullLogger<AzureTableMembershipTable>.Instance);

    public static async Task<AzureTableGatewayListProvider> GatewaysAsync(AzuriteFixture azurite, string clusterId, string? tableName = null)
    {
        var provider = new AzureTableGatewayListProvider(
            Options.Create(ClusteringOptions(azurite, tableName)),
            Cluster(clusterId),
            Options.Create(new GatewayOptions()),
            NullLogger<AzureTableGatewayListProvider>.Instance);
        await provider.InitializeGatewayListProvider();
        return provider;
    }

    public static AzureTableClusteringOptions ClusteringOptions(AzuriteFixture azurite, string? tableName = null) => new()
    {
        ConnectionString = azurite.Server.ConnectionString,
        TableName = tableName ?? AzureTableClusteringOptions.DefaultTableName,
    };

    private static IOptions<ClusterOptions> Cluster(string clusterId) =>
        Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = "geostore-tests" });
}
