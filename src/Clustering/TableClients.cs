using Azure.Core;
using Azure.Data.Tables;

namespace GeoStore.Clustering;

/// <summary>Table clients for the membership table, with timeouts short enough for a liveness protocol.</summary>
internal static class TableClients
{
    public static TableClient Create(AzureTableClusteringOptions options)
    {
        var service = options.TableServiceClient
            ?? CreateService(options.ConnectionString ?? throw new InvalidOperationException("Azure Table clustering has no connection string."));
        return service.GetTableClient(options.TableName);
    }

    public static TableServiceClient CreateService(string connectionString)
    {
        // The SDK waits 100 s for a silent network by default; membership would rather retry sooner.
        var clientOptions = new TableClientOptions
        {
            Retry = { MaxRetries = 3, Mode = RetryMode.Exponential, Delay = TimeSpan.FromMilliseconds(200), NetworkTimeout = TimeSpan.FromSeconds(10) },
        };
        return Uri.TryCreate(connectionString, UriKind.Absolute, out var uri)
            ? new TableServiceClient(uri, clientOptions)
            : new TableServiceClient(connectionString, clientOptions);
    }
}
