using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using GeoStore.Core.Storage;
using Orleans.Serialization;
using Orleans.Storage;

namespace GeoStore.Grains.Storage.AzureTables;

/// <summary>
/// Grain storage on Azure Table Storage. One entity per (grain, state name): PartitionKey is the
/// encoded grain id, RowKey the state name. State is serialized with the Orleans serializer and
/// split into binary properties of at most 64 KiB, and, past what one entity may hold, into
/// continuation rows <c>{state}~1</c>, <c>{state}~2</c>… in the same partition, all written in one
/// entity-group transaction so a reader never sees half a state. Writes are conditional on the
/// main row's ETag: a conflicting write raises <see cref="InconsistentStateException"/> and never
/// overwrites. A grain id too long to stay readable in its PartitionKey (<see cref="TableKeys"/> hashes
/// it) is kept whole in the main row's <c>GrainId</c> property, so a scan can name every grain.
/// </summary>
public sealed class AzureTableGrainStorage(TableClient table, Serializer serializer) : IGrainStorage, IGrainStateScanner
{
    // A transaction is at most 4 MiB on the wire: four full rows of base64 fit.
    public const int MaxRows = 4;
    private const string ChunkCount = "Chunks";
    private const string ByteCount = "Bytes";
    private const string GrainIdProperty = "GrainId";
    private const int ScanPageSize = 500;

    private readonly Lazy<Task> _created = new(() => table.CreateIfNotExistsAsync());

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await _created.Value;
        var partition = TableKeys.Encode(grainId.ToString());
        var main = await table.GetEntityIfExistsAsync<TableEntity>(partition, TableKeys.Encode(stateName));
        if (!main.HasValue || main.Value is null)
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        var rows = new List<TableEntity> { main.Value };
        var chunks = main.Value.GetInt32(ChunkCount) ?? 0;
        for (var i = 1; i <= chunks; i++)
        {
            rows.Add((await table.GetEntityAsync<TableEntity>(partition, ChunkRow(stateName, i))).Value);
        }

        var bytes = BinaryRows.Join(rows, main.Value.GetInt32(ByteCount) ?? 0);
        grainState.State = serializer.Deserialize<T>(bytes);
        grainState.ETag = main.Value.ETag.ToString();
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await _created.Value;
        var partition = TableKeys.Encode(grainId.ToString());
        var bytes = serializer.SerializeToArray(grainState.State);
        var rows = Split(partition, stateName, bytes);
        if (!string.Equals(TableKeys.Decode(partition), grainId.ToString(), StringComparison.Ordinal))
        {
            rows[0][GrainIdProperty] = grainId.ToString();
        }

        var actions = new List<TableTransactionAction>
        {
            grainState.ETag is null
                ? new TableTransactionAction(TableTransactionActionType.Add, rows[0])
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, rows[0], new ETag(grainState.ETag)),
        };
        actions.AddRange(rows.Skip(1).Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)));

        try
        {
            var response = await table.SubmitTransactionAsync(actions);
            grainState.ETag = response.Value[0].Headers.ETag?.ToString();
            grainState.RecordExists = true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 404 or 409 or 412)
        {
            throw new InconsistentStateException($"State {stateName} of {grainId} changed in table {table.Name} since it was read ({ex.Status}).", grainState.ETag ?? "none", "unknown", ex);
        }
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await _created.Value;
        var partition = TableKeys.Encode(grainId.ToString());
        var mainRow = TableKeys.Encode(stateName);
        var actions = new List<TableTransactionAction>();
        if (grainState.ETag is not null)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, mainRow), new ETag(grainState.ETag)));
            var prefix = $"{mainRow}~";
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {prefix} and RowKey lt {prefix + "~"}");
            await foreach (var chunk in table.QueryAsync<TableEntity>(filter, select: ["RowKey"]))
            {
                actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, chunk.RowKey), ETag.All));
            }

            try
            {
                await table.SubmitTransactionAsync(actions);
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 404 or 412)
            {
                throw new InconsistentStateException($"State {stateName} of {grainId} changed in table {table.Name} before it could be cleared ({ex.Status}).", grainState.ETag, "unknown", ex);
            }
        }

        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    /// <summary>
    /// A PartitionKey range query over the encoded prefix: <see cref="TableKeys.Encode"/> escapes one
    /// character at a time and keeps a readable prefix of a key it hashes, so every id that starts
    /// with <paramref name="grainIdPrefix"/> encodes to a key that starts with the prefix's encoding.
    /// Pages through the table <see cref="ScanPageSize"/> rows at a time.
    /// </summary>
    public async IAsyncEnumerable<StoredGrainState<T>> ScanAsync<T>(string stateName, string grainIdPrefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(stateName);
        ArgumentException.ThrowIfNullOrEmpty(grainIdPrefix);
        await _created.Value;
        var from = TableKeys.Encode(grainIdPrefix);
        if (from.Length >= TableKeys.MaxLength - 65)
        {
            throw new ArgumentException($"The grain id prefix '{grainIdPrefix}' is too long to scan by.", nameof(grainIdPrefix));
        }

        // Every string that starts with the prefix sorts at or above it and below the prefix with its last character raised.
        var to = string.Concat(from.AsSpan(0, from.Length - 1), ((char)(from[^1] + 1)).ToString());
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {from} and PartitionKey lt {to} and RowKey eq {TableKeys.Encode(stateName)}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, ScanPageSize, cancellationToken: cancellationToken))
        {
            var id = row.GetString(GrainIdProperty) ?? TableKeys.Decode(row.PartitionKey);
            if (!id.StartsWith(grainIdPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            if (await ReadWholeAsync(row, stateName, cancellationToken) is { } bytes)
            {
                yield return new StoredGrainState<T>(id, serializer.Deserialize<T>(bytes)!);
            }
        }
    }

    /// <summary>
    /// The bytes of the state whose main row is <paramref name="main"/>. A scan runs beside live
    /// grains: a state in several rows is read row by row, so the main row is read again afterwards,
    /// and a change (or a continuation row gone) means another write came in between: read it again.
    /// Null when the state was deleted meanwhile or kept changing.
    /// </summary>
    private async Task<byte[]?> ReadWholeAsync(TableEntity main, string stateName, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var chunks = main.GetInt32(ChunkCount) ?? 0;
            if (chunks == 0)
            {
                return BinaryRows.Join([main], main.GetInt32(ByteCount) ?? 0);
            }

            var rows = new List<TableEntity> { main };
            for (var i = 1; i <= chunks; i++)
            {
                var chunk = await table.GetEntityIfExistsAsync<TableEntity>(main.PartitionKey, ChunkRow(stateName, i), cancellationToken: cancellationToken);
                if (!chunk.HasValue || chunk.Value is null)
                {
                    break;
                }

                rows.Add(chunk.Value);
            }

            var again = await table.GetEntityIfExistsAsync<TableEntity>(main.PartitionKey, main.RowKey, cancellationToken: cancellationToken);
            if (!again.HasValue || again.Value is null)
            {
                return null;
            }

            if (again.Value.ETag == main.ETag && rows.Count == chunks + 1)
            {
                return BinaryRows.Join(rows, main.GetInt32(ByteCount) ?? 0);
            }

            main = again.Value;
        }

        return null;
    }

    private static string ChunkRow(string stateName, int index) => $"{TableKeys.Encode(stateName)}~{index}";

    /// <summary>Cuts serialized state into rows: the main row first, then continuation rows.</summary>
    private static List<TableEntity> Split(string partition, string stateName, byte[] bytes)
    {
        var rowCount = BinaryRows.RowsFor(bytes.Length);
        if (rowCount > MaxRows)
        {
            throw new InvalidOperationException($"State {stateName} is {bytes.Length} bytes; at most {MaxRows * BinaryRows.RowBytes} fit in one table transaction.");
        }

        var rows = Enumerable.Range(0, rowCount)
            .Select(r => BinaryRows.Fill(new TableEntity(partition, r == 0 ? TableKeys.Encode(stateName) : ChunkRow(stateName, r)), bytes, r))
            .ToList();
        rows[0][ChunkCount] = rowCount - 1;
        rows[0][ByteCount] = bytes.Length;
        return rows;
    }
}
