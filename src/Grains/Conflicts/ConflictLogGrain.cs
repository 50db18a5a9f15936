using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Core.Replication;
using GeoStore.Core.Resolution;
using GeoStore.Core.Versioning;
using GeoStore.Grains.Placement;
using GeoStore.Grains.Replication;
using GeoStore.Grains.Storage;
using Orleans.Concurrency;
using Orleans.Serialization;

namespace GeoStore.Grains.Conflicts;

/// <summary>
/// One shard of a region's conflict log, kept in the region's log store (<c>conflicts-{shard}</c>)
/// as an append-only log: a record is durable when <see cref="Record"/> returns, records that
/// arrive while an append is in flight are stored together by the next one (group commit), and
/// storing one costs the record, not the whole log. The shard keeps the newest
/// <see cref="Capacity"/> records (older ones are truncated and counted), and stores a resolution
/// recorded again (its merge was retried after a failure) once.
/// </summary>
[RegionPlacement, Reentrant]
public sealed class ConflictLogGrain(IReplicationLogStore store, Serializer serializer) : Grain, IConflictLogGrain
{
    public const int Capacity = 2000;

    private const string ContentType = "application/x-geostore-conflict";

    private readonly List<(long Sequence, ConflictRecord Record)> _records = [];
    private readonly HashSet<string> _signatures = new(StringComparer.Ordinal);
    private List<(ConflictRecord Record, TaskCompletionSource Stored)> _queue = [];
    private bool _flushing;
    private string _region = string.Empty;
    private string _name = string.Empty;
    private long _last;
    private long _dropped;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var (region, shard) = ReplicationKeys.ParseLogShard(this.GetPrimaryKeyString());
        (_region, _name) = (region, LogNames.Conflicts(shard));
        var stored = await store.OpenAsync(_region, _name, cancellationToken);
        _last = stored.LastSequence;
        foreach (var entry in stored.Entries)
        {
            var record = serializer.Deserialize<ConflictRecord>(entry.Value.Value!)!;
            _records.Add((entry.Sequence, record));
            _signatures.Add(Signature(record));
        }

        // Sequences are dense from 1: whatever precedes the first one kept was truncated.
        _dropped = _records.Count == 0 ? _last : _records[0].Sequence - 1;
    }

    public Task Record(ConflictRecord record)
    {
        var stored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add((record, stored));
        if (!_flushing)
        {
            _flushing = true;
            _ = Flush();
        }

        return stored.Task;
    }

    public Task<ConflictPage> Read(ConflictQuery query)
    {
        var records = _records
            .Select(r => r.Record)
            .Where(r => r.AtMs >= query.SinceMs && (query.Keyspace is null || string.Equals(r.Keyspace, query.Keyspace, StringComparison.Ordinal)))
            .Take(query.Limit);
        return Task.FromResult(new ConflictPage([.. records], _dropped));
    }

    /// <summary>What makes two records the same resolution: the key, how, the survivor and the losers.</summary>
    private static string Signature(ConflictRecord record) =>
        string.Join('\n', record.Keyspace, record.Key, record.Kind, record.Resolver, record.Winner?.ToString() ?? "-",
            string.Join(',', record.Losers.Select(l => l.Version.ToString()).Order(StringComparer.Ordinal)));

    private async Task Flush()
    {
        try
        {
            while (_queue.Count > 0)
            {
                var group = _queue;
                _queue = [];
                var fresh = new List<ConflictRecord>();
                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var (record, _) in group)
                {
                    var signature = Signature(record);
                    if (!_signatures.Contains(signature) && seen.Add(signature))
                    {
                        fresh.Add(record);
                    }
                }

                var entries = fresh.Select((r, i) => new LogEntry(
                    _last + 1 + i, _region, r.Keyspace, r.Key,
                    new VersionedValue(r.Winner ?? r.Losers[0].Version, serializer.SerializeToArray(r), ContentType))).ToList();
                try
                {
                    if (entries.Count > 0)
                    {
                        await store.AppendAsync(_region, _name, entries, CancellationToken.None);
                    }
                }
                catch (Exception ex)
                {
                    // Not stored (or not known to be): the callers retry; the store's word on where the log ends wins.
                    group.ForEach(g => g.Stored.TrySetException(ex));
                    _last = (await store.OpenAsync(_region, _name, CancellationToken.None)).LastSequence;
                    continue;
                }

                for (var i = 0; i < entries.Count; i++)
                {
                    _records.Add((entries[i].Sequence, fresh[i]));
                    _signatures.Add(Signature(fresh[i]));
                }

                _last += entries.Count;
                group.ForEach(g => g.Stored.TrySetResult());
                await TrimAsync();
            }
        }
        finally
        {
            _flushing = false;
        }
    }

    /// <summary>Drops the oldest records beyond the capacity, in steps of a quarter of it so truncation stays rare.</summary>
    private async Task TrimAsync()
    {
        var excess = _records.Count - Capacity;
        if (excess < Capacity / 4)
        {
            return;
        }

        var through = _records[excess - 1].Sequence;
        try
        {
            await store.CompactAsync(_region, _name, new Dictionary<string, long>(), through, CancellationToken.None);
        }
        catch (Exception)
        {
            // Kept longer, nothing lost: the next trim tries again.
            return;
        }

        foreach (var (_, record) in _records.Take(excess))
        {
            _signatures.Remove(Signature(record));
        }

        _records.RemoveRange(0, excess);
        _dropped = through;
    }
}
