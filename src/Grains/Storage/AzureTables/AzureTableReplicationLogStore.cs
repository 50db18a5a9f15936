using System.Globalization;
using Azure;
using Azure.Data.Tables;
using GeoStore.Core.Replication;
using GeoStore.Core.Storage;
using Orleans.Serialization;

namespace GeoStore.Grains.Storage.AzureTables;

/// <summary>
/// Logs on Azure Table Storage, one partition per log (shard or hint queue) in the region's log table, so a
/// group of appends commits in one entity-group transaction (up to 100 entities and 4 MiB; a
/// bigger group is cut into several, in order). Rows: <c>meta</c> (incarnation, truncation floor,
/// each peer's acknowledged position as <c>ack_{peer}</c>) and one or more rows per entry,
/// <c>{sequence:D19}-{part:D2}</c>, so the partition reads back in sequence order.
/// </summary>
public sealed class AzureTableReplicationLogStore(Func<string, TableClient> tableFor, Serializer serializer) : IReplicationLogStore
{
    public const int MaxActionsPerTransaction = 100;
    public const int MaxBytesPerTransaction = 3 * 1024 * 1024;
    private const string Meta = "meta";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Task<TableClient>> _tables = new(StringComparer.Ordinal);

    public async Task<StoredLog> OpenAsync(string region, string name, CancellationToken cancellationToken)
    {
        var table = await Table(region, cancellationToken);
        var partition = TableKeys.Encode(name);
        var meta = await table.GetEntityIfExistsAsync<TableEntity>(partition, Meta, cancellationToken: cancellationToken);
        TableEntity metaRow;
        if (meta.HasValue && meta.Value is not null)
        {
            metaRow = meta.Value;
        }
        else
        {
            metaRow = new TableEntity(partition, Meta) { ["Incarnation"] = Guid.NewGuid(), ["Floor"] = 0L };
            try
            {
                await table.AddEntityAsync(metaRow, cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                metaRow = (await table.GetEntityAsync<TableEntity>(partition, Meta, cancellationToken: cancellationToken)).Value;
            }
        }

        var entries = new List<LogEntry>();
        var parts = new List<TableEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey lt {Meta}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            parts.Add(row);
            if (row.GetInt32("Parts") is { } count && parts.Count == count)
            {
                entries.Add(serializer.Deserialize<LogEntry>(BinaryRows.Join(parts, row.GetInt32("Bytes") ?? 0))!);
                parts.Clear();
            }
        }

        var acknowledged = metaRow.Keys
            .Where(k => k.StartsWith("ack_", StringComparison.Ordinal))
            .ToDictionary(k => metaRow.GetString($"peer_{k[4..]}") ?? k[4..], k => metaRow.GetInt64(k) ?? 0, StringComparer.Ordinal);
        var floor = metaRow.GetInt64("Floor") ?? 0;
        var last = entries.Count > 0 ? entries[^1].Sequence : floor;
        return new StoredLog(metaRow.GetGuid("Incarnation") ?? Guid.Empty, last, entries, acknowledged);
    }

    public async Task AppendAsync(string region, string name, IReadOnlyList<LogEntry> entries, CancellationToken cancellationToken)
    {
        var table = await Table(region, cancellationToken);
        var partition = TableKeys.Encode(name);
        var batch = new List<TableTransactionAction>();
        var batchBytes = 0;
        foreach (var entry in entries)
        {
            var bytes = serializer.SerializeToArray(entry);
            var rows = EntryRows(partition, entry.Sequence, bytes);
            if (batch.Count + rows.Count > MaxActionsPerTransaction || batchBytes + (bytes.Length * 4 / 3) > MaxBytesPerTransaction)
            {
                await Commit(table, batch, cancellationToken);
                batchBytes = 0;
            }

            batch.AddRange(rows.Select(row => new TableTransactionAction(TableTransactionActionType.Add, row)));
            batchBytes += bytes.Length * 4 / 3;
        }

        await Commit(table, batch, cancellationToken);
    }

    public async Task CompactAsync(string region, string name, IReadOnlyDictionary<string, long> acknowledged, long truncateThrough, CancellationToken cancellationToken)
    {
        var table = await Table(region, cancellationToken);
        var partition = TableKeys.Encode(name);

        // The floor and the acknowledgements are recorded before rows go, so a crash in between
        // leaves rows that are merely re-read, never a floor below what was dropped.
        var meta = new TableEntity(partition, Meta) { ["Floor"] = truncateThrough };
        foreach (var (peer, position) in acknowledged)
        {
            var property = PropertyName(peer);
            meta[$"ack_{property}"] = position;
            meta[$"peer_{property}"] = peer;
        }

        await table.UpsertEntityAsync(meta, TableUpdateMode.Merge, cancellationToken);

        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey lt {EntryRow(truncateThrough + 1, 0)}");
        var doomed = new List<TableTransactionAction>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            doomed.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, row.RowKey), ETag.All));
            if (doomed.Count == MaxActionsPerTransaction)
            {
                await Commit(table, doomed, cancellationToken);
            }
        }

        await Commit(table, doomed, cancellationToken);
    }

    private static async Task Commit(TableClient table, List<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        if (actions.Count > 0)
        {
            await table.SubmitTransactionAsync(actions, cancellationToken);
            actions.Clear();
        }
    }

    private static List<TableEntity> EntryRows(string partition, long sequence, byte[] bytes)
    {
        var count = BinaryRows.RowsFor(bytes.Length);
        var rows = Enumerable.Range(0, count).Select(part => BinaryRows.Fill(new TableEntity(partition, EntryRow(sequence, part)), bytes, part)).ToList();
        rows[^1]["Parts"] = count;
        rows[^1]["Bytes"] = bytes.Length;
        return rows;
    }

    private static string EntryRow(long sequence, int part) => string.Create(CultureInfo.InvariantCulture, $"{sequence:D19}-{part:D2}");

    private static string PropertyName(string peer) => new([.. peer.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')]);

    private Task<TableClient> Table(string region, CancellationToken cancellationToken) =>
        _tables.GetOrAdd(region, async r =>
        {
            var table = tableFor(r);
            await table.CreateIfNotExistsAsync(cancellationToken);
            return table;
        });
}
