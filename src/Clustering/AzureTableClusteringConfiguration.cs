using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;

namespace GeoStore.Clustering;

/// <summary>
/// Reads the Aspire-style <c>Orleans:Clustering</c> section for <c>ProviderType=AzureTables</c>:
/// <c>ConnectionString</c> directly, or <c>ServiceKey</c> (or Orleans' <c>ConnectionName</c>) naming a
/// keyed <see cref="TableServiceClient"/> or a <c>ConnectionStrings:&lt;name&gt;</c> entry; and
/// <c>TableName</c>.
/// </summary>
public static class AzureTableClusteringConfiguration
{
    /// <summary>The <c>Orleans:Clustering:ProviderType</c> that selects GeoStore's Azure Table clustering.</summary>
    public const string ProviderType = "AzureTables";

    /// <summary>Orleans' own name for Azure Table clustering, which Aspire's Orleans integration writes.</summary>
    public const string OrleansProviderType = "AzureTableStorage";

    public static void Bind(AzureTableClusteringOptions options, IConfigurationSection section, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(services);

        if (section["TableName"] is { Length: > 0 } tableName)
        {
            options.TableName = tableName;
        }

        if (section["ConnectionString"] is { Length: > 0 } connectionString)
        {
            options.ConnectionString = connectionString;
            return;
        }

        var name = section["ServiceKey"] is { Length: > 0 } serviceKey ? serviceKey : section["ConnectionName"];
        if (string.IsNullOrEmpty(name))
        {
            return;
        }

        if (services is IKeyedServiceProvider && services.GetKeyedService<TableServiceClient>(name) is { } client)
        {
            options.TableServiceClient = client;
            return;
        }

        options.ConnectionString = services.GetRequiredService<IConfiguration>().GetConnectionString(name)
            ?? throw new OrleansConfigurationException(
                $"{section.Path} names the storage account '{name}', but neither ConnectionStrings:{name} nor a keyed TableServiceClient '{name}' exists.");
    }
}
