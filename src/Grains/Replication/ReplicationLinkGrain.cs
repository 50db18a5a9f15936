using GeoStore.Abstractions.Catalog;
using GeoStore.Abstractions.Errors;
using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Abstractions.Options;
using GeoStore.Core.Replication;
using GeoStore.Grains.Observability;
using GeoStore.Grains.Placement;
using GeoStore.Grains.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace GeoStore.Grains.Replication;

/// <summary>
/// Ships one shard of the local log to one peer region, in order, with up to
/// <see cref="GeoStoreOptions.ReplicationWindow"/> batches in flight. The peer's inbox applies
/// batches in sequence order and refuses one that overtook an earlier one (a gap), answering how far
/// it has applied; the link then resends from there, and the inbox skips what it already has.
/// Reentrant so that <see cref="Wake"/> never waits behind a batch crossing a slow link: a wake
/// during a pump asks the pump to look for new entries at once. A failed batch rewinds the link to
/// what the peer acknowledged; the log shard's timer wakes the link again to retry.
/// </summary>
[RegionPlacement, Reentrant]
public sealed partial class ReplicationLinkGrain(
    KeyspaceCache keyspaces,
    IRegionTransport transport,
    GeoStoreMetrics metrics,
    IOptions<GeoStoreOptions> options,
    TimeProvider time,
    ILogger<ReplicationLinkGrain> logger) : Grain, IReplicationLinkGrain
{
    private readonly List<Task> _inFlight = [];
    private string _from = string.Empty;
    private string _to = string.Empty;
    private int _shard;
    private ILogShardGrain _log = null!;
    private Guid _incarnation;
    private long _acknowledged;
    private long _shipped;
    private bool _pumping;
    private bool _failed;
    private TaskCompletionSource _woken = NewSignal();
    private long _lastSequenceSeen;
    private long _oldestUnshippedMs;
    private string? _lastError;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_from, _to, _shard) = ReplicationKeys.ParseLink(this.GetPrimaryKeyString());
        _log = GrainFactory.GetGrain<ILogShardGrain>(ReplicationKeys.LogShard(_from, _shard));
        return Task.CompletedTask;
    }

    public async Task Wake()
    {
        if (_pumping)
        {
            _woken.TrySetResult();
            return;
        }

        _pumping = true;
        _failed = false;
        try
        {
            while (true)
            {
                _woken = NewSignal();
                while (!_failed && _inFlight.Count < options.Value.ReplicationWindow && await LaunchBatch())
                {
                }

                if (_inFlight.Count == 0)
                {
                    // Done, unless entries arrived while the last read was under way.
                    if (_woken.Task.IsCompleted && !_failed)
                    {
                        continue;
                    }

                    break;
                }

                // Wait for a batch to finish (the window opens) or for new entries (the window may have room).
                var done = await Task.WhenAny([.. _inFlight, _woken.Task]);
                _inFlight.Remove(done);
            }
        }
        catch (Exception ex) when (ex is RegionUnavailableException or TimeoutException or OrleansException)
        {
            // Reading the local log failed; the timer retries.
            _lastError = ex.Message;
            LogShipFailed(logger, _from, _to, _shard, ex.Message);
        }
        finally
        {
            _pumping = false;
        }
    }

    public Task<PeerLag> GetLag()
    {
        var behind = Math.Max(0, _lastSequenceSeen - _acknowledged);
        var ms = behind == 0 ? 0 : Math.Max(0, time.GetUtcNow().ToUnixTimeMilliseconds() - _oldestUnshippedMs);
        return Task.FromResult(new PeerLag(_to, behind, ms));
    }

    /// <summary>Reads and sends the next batch; false when there is nothing (more) to send for now.</summary>
    private async Task<bool> LaunchBatch()
    {
        if (_incarnation == Guid.Empty)
        {
            if (_inFlight.Count > 0)
            {
                return false;
            }

            var position = await _log.GetAcknowledged(_to);
            (_incarnation, _acknowledged, _shipped) = (position.Incarnation, position.Acknowledged, position.Acknowledged);
        }

        var slice = await _log.ReadAfter(_to, _incarnation, _acknowledged, _shipped, options.Value.ReplicationBatchSize);
        _lastSequenceSeen = slice.LastSequence;
        if (slice.Incarnation != _incarnation)
        {
            // The log started over: once nothing of its earlier life is in flight, resume from what it recorded for the peer.
            _incarnation = _inFlight.Count == 0 ? Guid.Empty : _incarnation;
            return _inFlight.Count == 0;
        }

        if (slice.Entries.IsDefaultOrEmpty)
        {
            return false;
        }

        if (_shipped + 1 < slice.FirstRetained)
        {
            // The peer rewound below what the log still holds: it lost state it had acknowledged.
            // Those entries cannot be shipped again; repairing the peer is anti-entropy's job.
            LogPeerLostEntries(logger, _to, _from, _shard, _shipped + 1, slice.FirstRetained - 1);
            metrics.RecordUnshippable(_from, _to, slice.FirstRetained - 1 - _shipped);
        }

        var entries = new List<LogEntry>(slice.Entries.Length);
        foreach (var entry in slice.Entries)
        {
            var current = await RouteOf(entry.Keyspace);
            if (current is null)
            {
                // A keyspace this silo does not know yet (its catalog copy is behind): wait, never skip.
                LogUnknownKeyspace(logger, _from, _to, _shard, entry.Keyspace);
                return false;
            }

            if (ShipsTo(entry, current))
            {
                entries.Add(entry);
            }
        }

        if (_inFlight.Count == 0)
        {
            _oldestUnshippedMs = slice.Entries[0].Value.Version.Timestamp.WallMs;
        }

        var batch = new ReplicationBatch(_from, _shard, _incarnation, _shipped + 1, slice.Entries[^1].Sequence, [.. entries], slice.LastSequence);
        _shipped = batch.ThroughSequence;
        _inFlight.Add(Ship(batch));
        return true;
    }

    /// <summary>Sends one batch and takes in the peer's answer; never throws.</summary>
    private async Task Ship(ReplicationBatch batch)
    {
        try
        {
            var applied = await transport.ShipAsync(_to, batch);
            if (batch.Incarnation != _incarnation)
            {
                return;
            }

            _lastError = null;
            if (applied < batch.FromSequence - 1)
            {
                // Refused: the peer lacks entries before this batch (one overtook it, was lost, or the
                // peer lost state). Resend from what it has; what arrives twice is skipped.
                _acknowledged = applied;
                _shipped = Math.Min(_shipped, applied);
                return;
            }

            _acknowledged = Math.Max(_acknowledged, applied);
            _ = _log.ReportAcknowledged(_to, _incarnation, _acknowledged);
            if (applied < batch.ThroughSequence)
            {
                // The peer took the batch only in part: it holds entries a failover in progress asked
                // it not to take yet. Resend from there once the log shard's timer wakes this link.
                _shipped = Math.Min(_shipped, applied);
                _failed = true;
                _lastError = $"{_to} holds entries after {applied} while a failover is decided";
            }
        }
        catch (Exception ex) when (ex is RegionUnavailableException or TimeoutException or OrleansException)
        {
            _lastError = ex.Message;
            _failed = true;
            _shipped = _acknowledged;
            LogShipFailed(logger, _from, _to, _shard, ex.Message);
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async ValueTask<ReplicationRoute?> RouteOf(string keyspace)
    {
        var definition = keyspaces.Snapshot.Find(keyspace) ?? await keyspaces.FindAsync(keyspace);
        return definition is null ? null : ReplicationRoute.For(definition.Policy);
    }

    /// <summary>
    /// True when this link carries <paramref name="entry"/>: the peer is a next hop from here along the
    /// route the entry was written under, or along the keyspace's current route. The others are
    /// covered by the batch but left out, so the peer sees no gap.
    /// </summary>
    private bool ShipsTo(LogEntry entry, ReplicationRoute current) =>
        current.NextHops(_from, entry.Origin).Contains(_to, StringComparer.Ordinal)
        || (entry.Route?.NextHops(_from, entry.Origin).Contains(_to, StringComparer.Ordinal) ?? false);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Link {From}->{To}/{Shard} waits: keyspace {Keyspace} is not in this silo's catalog copy yet")]
    private static partial void LogUnknownKeyspace(ILogger logger, string from, string to, int shard, string keyspace);

    [LoggerMessage(Level = LogLevel.Error, Message = "Region {Peer} rewound below {Origin}/{Shard}'s retained log: entries {First}..{Last} cannot be shipped again and need repair")]
    private static partial void LogPeerLostEntries(ILogger logger, string peer, string origin, int shard, long first, long last);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Link {From}->{To}/{Shard} could not ship: {Reason}")]
    private static partial void LogShipFailed(ILogger logger, string from, string to, int shard, string reason);
}
