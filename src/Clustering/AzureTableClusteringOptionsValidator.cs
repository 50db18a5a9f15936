using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;

namespace GeoStore.Clustering;

/// <summary>Fails silo and client start-up with a clear message when Azure Table clustering cannot work.</summary>
public sealed partial class AzureTableClusteringOptionsValidator(IOptions<AzureTableClusteringOptions> options) : IConfigurationValidator
{
    public void ValidateConfiguration()
    {
        if (Validate(options.Value) is { } problem)
        {
            throw new OrleansConfigurationException($"Azure Table clustering is not configured correctly: {problem}");
        }
    }

    /// <returns>What is wrong with <paramref name="options"/>, or null when they can work.</returns>
    public static string? Validate(AzureTableClusteringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!TableName().IsMatch(options.TableName ?? string.Empty))
        {
            return $"TableName '{options.TableName}' is not a valid table name (3 to 63 letters and digits, starting with a letter).";
        }

        if (options.TableServiceClient is not null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return "no storage account is set. Set Orleans:Clustering:ConnectionString, or Orleans:Clustering:ServiceKey "
                + "to the name of a connection string (ConnectionStrings:<name>), or pass a ConnectionString to UseAzureTableClustering.";
        }

        try
        {
            _ = TableClients.CreateService(options.ConnectionString);
            return null;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            return $"the connection string is neither an Azure Storage connection string nor an absolute table service URI ({ex.Message}).";
        }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableName();
}
