using Azure.Data.Tables;
using Orleans;
using Orleans.Runtime;

namespace GeoStore.Clustering.Membership;

public sealed partial class AzureTableMembershipTable
{
    /// <summary>How often a paged read is retried when a membership change landed while it read.</summary>
    internal const int MaxSnapshotAttempts = 5;

    public async Task<MembershipTableData> ReadAll()
    {
        var snapshot = await ReadSnapshotAsync();
        return ToData(snapshot.SiloRows, snapshot.VersionRow);
    }

    public async Task<MembershipTableData> ReadRow(SiloAddress key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var rowKey = MembershipRows.RowFor(key);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {_partition} and (RowKey eq {MembershipRows.VersionRow} or RowKey eq {rowKey})");
        TableEntity? versionRow = null;
        var siloRows = new List<TableEntity>();
        await foreach (var row in Table.QueryAsync<TableEntity>(filter))
        {
            if (row.RowKey == MembershipRows.VersionRow)
            {
                versionRow = row;
            }
            else
            {
                siloRows.Add(row);
            }
        }

        return ToData(siloRows, versionRow ?? throw NoVersionRow());
    }

    /// <summary>
    /// Reads the whole partition. One page is one consistent read; over several pages a change may
    /// land between them, so the version row (first page) and the fence (last page) must agree.
    /// </summary>
    private async Task<Snapshot> ReadSnapshotAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            var rows = new List<TableEntity>();
            var pages = 0;
            await foreach (var page in Table.QueryAsync<TableEntity>(r => r.PartitionKey == _partition).AsPages())
            {
                pages++;
                rows.AddRange(page.Values);
            }

            var versionRow = rows.FirstOrDefault(r => r.RowKey == MembershipRows.VersionRow) ?? throw NoVersionRow();
            var fence = rows.FirstOrDefault(r => r.RowKey == MembershipRows.VersionFence);
            var siloRows = rows.Where(r => MembershipRows.IsSiloRow(r.RowKey)).ToList();
            if (pages <= 1 || (fence is not null && MembershipRows.VersionOf(fence) == MembershipRows.VersionOf(versionRow)))
            {
                return new Snapshot(versionRow, siloRows);
            }

            if (attempt == MaxSnapshotAttempts)
            {
                throw new InvalidOperationException(
                    $"Membership of cluster {_clusterId} in table {Table.Name} kept changing while it was read ({pages} pages, {MaxSnapshotAttempts} attempts).");
            }

            logger.TornRead(_clusterId, pages, attempt);
        }
    }

    private MembershipTableData ToData(List<TableEntity> siloRows, TableEntity versionRow)
    {
        var members = new List<Tuple<MembershipEntry, string>>(siloRows.Count);
        foreach (var row in siloRows)
        {
            if (TryRead(row) is { } entry)
            {
                members.Add(Tuple.Create(entry, row.ETag.ToString()));
            }
        }

        var version = new TableVersion(MembershipRows.VersionOf(versionRow), versionRow.ETag.ToString());
        return new MembershipTableData(members, version);
    }

    /// <summary>The row's entry, or null (logged) when a row is not one this table can read.</summary>
    private MembershipEntry? TryRead(TableEntity row)
    {
        try
        {
            return MembershipRows.ToEntry(row);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            logger.UnreadableRow(ex, row.RowKey, _clusterId);
            return null;
        }
    }

    private InvalidOperationException NoVersionRow() =>
        new($"The membership table {Table.Name} has no version row for cluster {_clusterId}: no silo has initialized it yet.");

    private sealed record Snapshot(TableEntity VersionRow, List<TableEntity> SiloRows);
}
