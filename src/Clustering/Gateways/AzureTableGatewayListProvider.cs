using Azure;
using Azure.Data.Tables;
using GeoStore.Clustering.Membership;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Messaging;

namespace GeoStore.Clustering.Gateways;

/// <summary>
/// Tells an Orleans client where the gateways are: every silo the membership table lists as Active
/// with a gateway port. Read-only, so a client needs only read access to the table; before any silo
/// created the table there are simply no gateways yet.
/// </summary>
public sealed class AzureTableGatewayListProvider(
    IOptions<AzureTableClusteringOptions> options,
    IOptions<ClusterOptions> clusterOptions,
    IOptions<GatewayOptions> gatewayOptions,
    ILogger<AzureTableGatewayListProvider> logger) : IGatewayListProvider
{
    private readonly string _clusterId = clusterOptions.Value.ClusterId;
    private readonly string _partition = MembershipRows.PartitionFor(clusterOptions.Value.ClusterId);
    private TableClient? _table;

    public TimeSpan MaxStaleness { get; } = gatewayOptions.Value.GatewayListRefreshPeriod;

    [Obsolete("Orleans no longer reads it: every provider is updatable.")]
    public bool IsUpdatable => true;

    public Task InitializeGatewayListProvider()
    {
        _table = TableClients.Create(options.Value);
        return Task.CompletedTask;
    }

    public async Task<IList<Uri>> GetGateways()
    {
        var table = _table ?? throw new InvalidOperationException("InitializeGatewayListProvider has not run yet.");
        var active = nameof(SiloStatus.Active);

        // Interpolated values become quoted literals, so the column name is spelled out.
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {_partition} and Status eq {active}");
        var gateways = new List<Uri>();
        try
        {
            await foreach (var row in table.QueryAsync<TableEntity>(filter, select: [MembershipRows.SiloAddress, MembershipRows.ProxyPort]))
            {
                if (MembershipRows.GatewayOf(row) is { } gateway)
                {
                    gateways.Add(gateway);
                }
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            logger.NoTableYet(table.Name, _clusterId);
        }

        logger.FoundGateways(gateways.Count, _clusterId);
        return gateways;
    }
}
