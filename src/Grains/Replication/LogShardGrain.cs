using System.Collections.Immutable;
using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Abstractions.Options;
using GeoStore.Core.Replication;
using GeoStore.Core.Versioning;
using GeoStore.Grains.Observability;
using GeoStore.Grains.Placement;
using Microsoft.Extensions.Options;

namespace GeoStore.Grains.Replication;

/// <summary>
/// One shard of a region's replication log: assigns sequences, keeps entries until every peer has
/// acknowledged them, and wakes the links that ship them. A timer keeps waking lagging links, so a
/// link that failed (cut, peer down) retries without anyone writing.
/// </summary>
[RegionPlacement]
public sealed class LogShardGrain(
    [PersistentState("log", GeoStoreStorage.Log)] IPersistentState<LogShardState> state,
    IOptions<GeoStoreOptions> options,
    GeoStoreMetrics metrics,
    TimeProvider time) : Grain, ILogShardGrain
{
    public static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(500);

    private string _region = string.Empty;
    private int _shard;
    private string[] _peers = [];

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_region, _shard) = ReplicationKeys.ParseLogShard(this.GetPrimaryKeyString());
        _peers = [.. options.Value.RegionList.Where(r => !string.Equals(r, _region, StringComparison.Ordinal))];
        if (state.State.Incarnation == Guid.Empty)
        {
            state.State.Incarnation = Guid.NewGuid();
            await state.WriteStateAsync(cancellationToken);
        }

        this.RegisterGrainTimer(WakeLaggingLinks, new GrainTimerCreationOptions(RetryInterval, RetryInterval) { KeepAlive = true });
    }

    public async Task<long> Append(string keyspace, string key, VersionedValue value)
    {
        var log = state.State;
        var sequence = log.LastSequence + 1;
        log.Entries.Add(new LogEntry(sequence, _region, keyspace, key, value));
        log.LastSequence = sequence;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Not durable, so not acknowledged: forget it, or the next append would reuse the sequence.
            log.Entries.RemoveAt(log.Entries.Count - 1);
            log.LastSequence = sequence - 1;
            throw;
        }

        foreach (var peer in _peers)
        {
            _ = GrainFactory.GetGrain<IReplicationLinkGrain>(ReplicationKeys.Link(_region, peer, _shard)).Wake();
        }

        return sequence;
    }

    public async Task<LogSlice> ReadAfter(string peer, long acknowledged, int max)
    {
        await Acknowledge(peer, acknowledged);
        var log = state.State;
        if (log.Entries.Count == 0 || acknowledged >= log.LastSequence)
        {
            return new LogSlice([], log.LastSequence, log.Incarnation);
        }

        var start = (int)Math.Max(0, acknowledged + 1 - log.Entries[0].Sequence);
        var count = Math.Min(max, log.Entries.Count - start);
        return new LogSlice([.. log.Entries.GetRange(start, count)], log.LastSequence, log.Incarnation);
    }

    public Task<long> GetAcknowledged(string peer) =>
        Task.FromResult(state.State.Acknowledged.GetValueOrDefault(peer));

    public Task<ShardStatus> GetStatus() => Task.FromResult(Status());

    private ShardStatus Status()
    {
        var log = state.State;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var peers = _peers.Select(peer =>
        {
            var acked = log.Acknowledged.GetValueOrDefault(peer);
            var behind = log.LastSequence - acked;
            var oldest = behind > 0 ? EntryAfter(acked) : null;
            var ms = oldest is null ? 0 : Math.Max(0, now - oldest.Value.Version.Timestamp.WallMs);
            return new PeerLag(peer, behind, ms);
        });
        return new ShardStatus(_shard, log.LastSequence, [.. peers]);
    }

    private LogEntry? EntryAfter(long acknowledged)
    {
        var entries = state.State.Entries;
        if (entries.Count == 0)
        {
            return null;
        }

        var index = acknowledged + 1 - entries[0].Sequence;
        return index >= 0 && index < entries.Count ? entries[(int)index] : null;
    }

    private async Task Acknowledge(string peer, long acknowledged)
    {
        var log = state.State;
        if (acknowledged <= log.Acknowledged.GetValueOrDefault(peer) || acknowledged > log.LastSequence)
        {
            return;
        }

        log.Acknowledged[peer] = acknowledged;

        // Compaction: entries every peer has acknowledged are no longer needed.
        var everyone = _peers.Length == 0 ? log.LastSequence : _peers.Min(p => log.Acknowledged.GetValueOrDefault(p));
        var drop = log.Entries.Count == 0 ? 0 : (int)Math.Clamp(everyone - log.Entries[0].Sequence + 1, 0, log.Entries.Count);
        if (drop > 0)
        {
            log.Entries.RemoveRange(0, drop);
            await state.WriteStateAsync();
        }
    }

    private Task WakeLaggingLinks(CancellationToken cancellationToken)
    {
        metrics.ReportLag(_region, _shard, Status().Peers);
        var log = state.State;
        foreach (var peer in _peers)
        {
            if (log.Acknowledged.GetValueOrDefault(peer) < log.LastSequence)
            {
                _ = GrainFactory.GetGrain<IReplicationLinkGrain>(ReplicationKeys.Link(_region, peer, _shard)).Wake();
            }
        }

        return Task.CompletedTask;
    }
}
