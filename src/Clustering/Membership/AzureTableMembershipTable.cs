using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;

namespace GeoStore.Clustering.Membership;

/// <summary>
/// Orleans' membership table on Azure Table Storage, with no primary silo: every silo reads and
/// writes the same partition (the cluster id) of one table, so any silo may die and any may join.
/// Membership changes follow Orleans' optimistic protocol: a row is inserted or replaced only in
/// one entity-group transaction that also replaces the version row under the caller's ETag of it,
/// so of two silos that read the same version, one wins and the other re-reads.
/// </summary>
public sealed partial class AzureTableMembershipTable(
    IOptions<AzureTableClusteringOptions> options,
    IOptions<ClusterOptions> clusterOptions,
    ILogger<AzureTableMembershipTable> logger) : IMembershipTable
{
    // A transaction may hold at most 100 operations.
    private const int MaxBatch = 100;

    private readonly string _clusterId = clusterOptions.Value.ClusterId;
    private readonly string _partition = MembershipRows.PartitionFor(clusterOptions.Value.ClusterId);
    private TableClient? _table;

    private TableClient Table => _table ?? throw new InvalidOperationException("InitializeMembershipTable has not run yet.");

    public async Task InitializeMembershipTable(bool tryInitTableVersion)
    {
        var table = TableClients.Create(options.Value);
        await table.CreateIfNotExistsAsync();
        _table = table;
        if (!tryInitTableVersion)
        {
            return;
        }

        try
        {
            await table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.Add, MembershipRows.VersionEntity(_partition, MembershipRows.VersionRow, 0)),
                new TableTransactionAction(TableTransactionActionType.UpsertReplace, MembershipRows.VersionEntity(_partition, MembershipRows.VersionFence, 0)),
            ]);
            logger.CreatedVersionRow(_clusterId, table.Name);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            // Another silo created it first: all that matters is that it exists.
        }
    }

    public async Task DeleteMembershipTableEntries(string clusterId)
    {
        ArgumentException.ThrowIfNullOrEmpty(clusterId);
        var partition = MembershipRows.PartitionFor(clusterId);
        var rows = new List<TableEntity>();
        await foreach (var row in Table.QueryAsync<TableEntity>(r => r.PartitionKey == partition, select: ["RowKey"]))
        {
            rows.Add(row);
        }

        await DeleteAsync(partition, rows.Select(r => (r.RowKey, ETag.All)));
        logger.DeletedCluster(clusterId, rows.Count, Table.Name);
    }

    public async Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate)
    {
        var snapshot = await ReadSnapshotAsync();
        var defunct = new List<(string RowKey, ETag ETag)>();
        foreach (var row in snapshot.SiloRows)
        {
            if (TryRead(row) is { Status: not SiloStatus.Active } entry && MembershipRows.LastUpdate(entry) < beforeDate)
            {
                defunct.Add((row.RowKey, row.ETag));
            }
        }

        // A defunct row changes no one's view of the cluster, so its removal does not advance the version.
        await DeleteAsync(_partition, defunct);
        if (defunct.Count > 0)
        {
            logger.RemovedDefunctSilos(defunct.Count, _clusterId, beforeDate);
        }
    }

    /// <summary>Deletes rows in transactions of up to 100; a row that changed or went meanwhile is left alone.</summary>
    private async Task DeleteAsync(string partition, IEnumerable<(string RowKey, ETag ETag)> rows)
    {
        foreach (var batch in rows.Chunk(MaxBatch))
        {
            try
            {
                await Table.SubmitTransactionAsync(batch.Select(r =>
                    new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, r.RowKey), r.ETag)));
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 412)
            {
                // One row spoiled the batch; delete the others one by one.
                foreach (var (rowKey, etag) in batch)
                {
                    try
                    {
                        await Table.DeleteEntityAsync(partition, rowKey, etag);
                    }
                    catch (RequestFailedException one) when (one.Status is 404 or 412)
                    {
                    }
                }
            }
        }
    }
}
