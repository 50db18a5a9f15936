using Azure.Data.Tables;

namespace GeoStore.Clustering;

/// <summary>
/// Where a cluster's membership lives in Azure Table Storage. One table holds any number of clusters:
/// each cluster (<c>Orleans:ClusterId</c>) is one partition with a version row and one row per silo.
/// </summary>
public sealed class AzureTableClusteringOptions
{
    public const string DefaultTableName = "gsmembership";

    /// <summary>
    /// An Azure Storage connection string, or an absolute table service URI carrying a SAS token.
    /// Ignored when <see cref="TableServiceClient"/> is set.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>The membership table: 3 to 63 letters and digits, starting with a letter.</summary>
    public string TableName { get; set; } = DefaultTableName;

    /// <summary>A ready client (for example Aspire's keyed <c>TableServiceClient</c>); wins over <see cref="ConnectionString"/>.</summary>
    public TableServiceClient? TableServiceClient { get; set; }
}
