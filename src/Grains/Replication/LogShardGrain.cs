using System.Collections.Immutable;
using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Abstractions.Options;
using GeoStore.Core.Replication;
using GeoStore.Grains.Observability;
using GeoStore.Grains.Placement;
using GeoStore.Grains.Storage;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace GeoStore.Grains.Replication;

/// <summary>
/// One shard of a region's replication log: assigns sequences, makes entries durable before it
/// acknowledges them, keeps them until every peer has acknowledged them, and wakes the links that
/// ship them. Appends that arrive while a write to the store is in flight are committed together
/// in the next one (group commit), so a slow store costs one round trip per group, not per write.
/// A timer keeps waking lagging links, so a link that failed (cut, peer down) retries on its own.
/// </summary>
[RegionPlacement, Reentrant]
public sealed class LogShardGrain(
    IReplicationLogStore store,
    IOptions<GeoStoreOptions> options,
    GeoStoreMetrics metrics,
    TimeProvider time) : Grain, ILogShardGrain
{
    public static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(500);

    private readonly List<LogEntry> _entries = [];
    private readonly Dictionary<string, long> _acknowledged = new(StringComparer.Ordinal);
    private readonly List<AckWaiter> _ackWaiters = [];
    private long _compactedThrough;
    private List<PendingAppend> _queue = [];
    private bool _flushing;
    private string _region = string.Empty;
    private int _shard;
    private string[] _peers = [];
    private Guid _incarnation;
    private long _lastSequence;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_region, _shard) = ReplicationKeys.ParseLogShard(this.GetPrimaryKeyString());
        _peers = [.. options.Value.RegionList.Where(r => !string.Equals(r, _region, StringComparison.Ordinal))];
        var stored = await store.OpenAsync(_region, LogNames.Shard(_shard), cancellationToken);
        _incarnation = stored.Incarnation;
        _lastSequence = stored.LastSequence;
        _entries.AddRange(stored.Entries);
        foreach (var (peer, position) in stored.Acknowledged)
        {
            _acknowledged[peer] = position;
        }

        this.RegisterGrainTimer(WakeLaggingLinks, new GrainTimerCreationOptions(RetryInterval, RetryInterval) { KeepAlive = true });
    }

    private async Task Reload()
    {
        try
        {
            var stored = await store.OpenAsync(_region, LogNames.Shard(_shard), CancellationToken.None);
            _lastSequence = stored.LastSequence;
            _entries.Clear();
            _entries.AddRange(stored.Entries);
        }
        catch (Exception)
        {
            // The store is unreachable: start over from it on the next activation.
            DeactivateOnIdle();
        }
    }

    public Task<long> Append(LogEntry entry)
    {
        var pending = new PendingAppend(entry);
        _queue.Add(pending);
        if (!_flushing)
        {
            _flushing = true;
            _ = Flush();
        }

        return pending.Sequence.Task;
    }

    public async Task<LogSlice> ReadAfter(string peer, Guid incarnation, long acknowledged, long after, int max)
    {
        if (incarnation == _incarnation)
        {
            await Acknowledge(peer, acknowledged);
        }

        after = Math.Max(after, acknowledged);
        var firstRetained = _entries.Count == 0 ? _lastSequence + 1 : _entries[0].Sequence;
        if (_entries.Count == 0 || after >= _lastSequence)
        {
            return new LogSlice([], _lastSequence, _incarnation, firstRetained);
        }

        // Entries after what this peer acknowledged are never truncated: truncation stops at the slowest peer.
        var start = (int)Math.Max(0, after + 1 - _entries[0].Sequence);
        var count = Math.Min(max, _entries.Count - start);
        return new LogSlice([.. _entries.GetRange(start, count)], _lastSequence, _incarnation, firstRetained);
    }

    public Task<PeerPosition> GetAcknowledged(string peer) => Task.FromResult(new PeerPosition(_incarnation, _acknowledged.GetValueOrDefault(peer)));

    public Task<ShardStatus> GetStatus() => Task.FromResult(Status());

    public Task<LogEntry?> LatestFor(string keyspace, string key)
    {
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            var entry = _entries[i];
            if (string.Equals(entry.Key, key, StringComparison.Ordinal) && string.Equals(entry.Keyspace, keyspace, StringComparison.Ordinal))
            {
                return Task.FromResult<LogEntry?>(entry);
            }
        }

        return Task.FromResult<LogEntry?>(null);
    }

    /// <summary>Writes queued appends to the store in groups, in order, until the queue is empty.</summary>
    private async Task Flush()
    {
        try
        {
            while (_queue.Count > 0)
            {
                var group = _queue;
                _queue = [];

                // Sequences are assigned only here, so a failed group leaves no gap behind it.
                // An entry written here takes its sequence as its origin sequence; a relayed one keeps its origin's.
                var entries = group.Select((p, i) => Sequenced(p.Entry, _lastSequence + 1 + i)).ToList();
                try
                {
                    await store.AppendAsync(_region, LogNames.Shard(_shard), entries, CancellationToken.None);
                }
                catch (Exception ex)
                {
                    // Not acknowledged. The store may or may not hold the group (a timeout is
                    // ambiguous), so take its word for where the log ends before going on.
                    group.ForEach(p => p.Sequence.TrySetException(ex));
                    await Reload();
                    continue;
                }

                metrics.RecordLogBatch(_region, entries.Count);
                _entries.AddRange(entries);
                _lastSequence = entries[^1].Sequence;
                for (var i = 0; i < group.Count; i++)
                {
                    group[i].Sequence.TrySetResult(entries[i].Sequence);
                }

                WakeLinks(_peers);
            }
        }
        finally
        {
            _flushing = false;
        }
    }

    public Task ReportAcknowledged(string peer, Guid incarnation, long acknowledged)
    {
        if (incarnation == _incarnation)
        {
            Remember(peer, acknowledged);
        }

        return Task.CompletedTask;
    }

    public async Task<ImmutableArray<string>> AwaitAcknowledged(long sequence, ImmutableArray<string> peers, int needed, TimeSpan timeout)
    {
        var waiter = new AckWaiter(sequence, peers, needed);
        if (!waiter.Satisfied(_acknowledged))
        {
            _ackWaiters.Add(waiter);
            try
            {
                await waiter.Done.Task.WaitAsync(timeout, time);
            }
            catch (TimeoutException)
            {
                // Answer who got there; the caller decides what a shortfall means.
            }
            finally
            {
                _ackWaiters.Remove(waiter);
            }
        }

        return waiter.Reached(_acknowledged);
    }

    public Task<ImmutableArray<LogEntry>> EntriesOf(string keyspace, long epoch, long after) =>
        Task.FromResult<ImmutableArray<LogEntry>>([.. _entries.Where(e => e.Sequence > after && e.Epoch?.Number == epoch && string.Equals(e.Keyspace, keyspace, StringComparison.Ordinal))]);

    /// <summary>Records what a peer has applied, in memory, and wakes the writes waiting on it.</summary>
    private void Remember(string peer, long acknowledged)
    {
        if (acknowledged <= _acknowledged.GetValueOrDefault(peer) || acknowledged > _lastSequence)
        {
            return;
        }

        _acknowledged[peer] = acknowledged;
        foreach (var waiter in _ackWaiters)
        {
            if (waiter.Satisfied(_acknowledged))
            {
                waiter.Done.TrySetResult();
            }
        }
    }

    private async Task Acknowledge(string peer, long acknowledged)
    {
        Remember(peer, acknowledged);

        // Compaction: entries every peer has acknowledged are no longer needed.
        var everyone = _peers.Length == 0 ? _lastSequence : _peers.Min(p => _acknowledged.GetValueOrDefault(p));
        if (everyone <= _compactedThrough)
        {
            return;
        }

        _compactedThrough = everyone;
        var drop = _entries.Count == 0 ? 0 : (int)Math.Clamp(everyone - _entries[0].Sequence + 1, 0, _entries.Count);
        _entries.RemoveRange(0, drop);
        await store.CompactAsync(_region, LogNames.Shard(_shard), new Dictionary<string, long>(_acknowledged), everyone, CancellationToken.None);
    }

    private ShardStatus Status()
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var peers = _peers.Select(peer =>
        {
            var acked = _acknowledged.GetValueOrDefault(peer);
            var behind = _lastSequence - acked;
            var oldest = behind > 0 ? EntryAfter(acked) : null;
            var ms = oldest is null ? 0 : Math.Max(0, now - oldest.Value.Version.Timestamp.WallMs);
            return new PeerLag(peer, behind, ms);
        });
        return new ShardStatus(_shard, _lastSequence, [.. peers]);
    }

    private LogEntry? EntryAfter(long acknowledged)
    {
        if (_entries.Count == 0)
        {
            return null;
        }

        var index = acknowledged + 1 - _entries[0].Sequence;
        return index >= 0 && index < _entries.Count ? _entries[(int)index] : null;
    }

    private Task WakeLaggingLinks(CancellationToken cancellationToken)
    {
        metrics.ReportLag(_region, _shard, Status().Peers);
        WakeLinks(_peers.Where(peer => _acknowledged.GetValueOrDefault(peer) < _lastSequence));
        return Task.CompletedTask;
    }

    private void WakeLinks(IEnumerable<string> peers)
    {
        foreach (var peer in peers)
        {
            _ = GrainFactory.GetGrain<IReplicationLinkGrain>(ReplicationKeys.Link(_region, peer, _shard)).Wake();
        }
    }

    private LogEntry Sequenced(LogEntry entry, long sequence) =>
        string.Equals(entry.Origin, _region, StringComparison.Ordinal)
            ? entry with { Sequence = sequence, OriginSequence = sequence }
            : entry with { Sequence = sequence };

    private sealed class AckWaiter(long sequence, ImmutableArray<string> peers, int needed)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ImmutableArray<string> Reached(Dictionary<string, long> acknowledged) =>
            [.. peers.Where(p => acknowledged.GetValueOrDefault(p) >= sequence)];

        public bool Satisfied(Dictionary<string, long> acknowledged) => peers.Count(p => acknowledged.GetValueOrDefault(p) >= sequence) >= needed;
    }

    private sealed class PendingAppend(LogEntry entry)
    {
        public LogEntry Entry { get; } = entry;

        public TaskCompletionSource<long> Sequence { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
