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
/// Ships one shard of the local log to one peer region, one batch in flight at a time, in order.
/// Reentrant so that <see cref="Wake"/> never waits behind a batch crossing a slow link: a wake
/// during a pump just asks the pump to go round once more. A failed batch is retried when the
/// log shard's timer wakes the link again; the peer's inbox makes repeats harmless.
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
    private string _from = string.Empty;
    private string _to = string.Empty;
    private int _shard;
    private ILogShardGrain _log = null!;
    private Guid _incarnation;
    private long _acknowledged;
    private bool _pumping;
    private bool _again;
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
            _again = true;
            return;
        }

        _pumping = true;
        try
        {
            do
            {
                _again = false;
                while (await ShipOneBatch())
                {
                }
            }
            while (_again);
        }
        catch (Exception ex) when (ex is RegionUnavailableException or TimeoutException or OrleansException)
        {
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

    /// <summary>Ships the next batch; false when there was nothing (more) to ship for now.</summary>
    private async Task<bool> ShipOneBatch()
    {
        if (_incarnation == Guid.Empty)
        {
            var position = await _log.GetAcknowledged(_to);
            (_incarnation, _acknowledged) = (position.Incarnation, position.Acknowledged);
        }

        var slice = await _log.ReadAfter(_to, _incarnation, _acknowledged, options.Value.ReplicationBatchSize);
        _lastSequenceSeen = slice.LastSequence;
        if (slice.Incarnation != _incarnation)
        {
            // The log started over: resume from what it recorded for the peer.
            _incarnation = Guid.Empty;
            return true;
        }

        if (slice.Entries.IsDefaultOrEmpty)
        {
            return false;
        }

        if (_acknowledged + 1 < slice.FirstRetained)
        {
            // The peer rewound below what the log still holds: it lost state it had acknowledged.
            // Those entries cannot be shipped again; repairing the peer is anti-entropy's job.
            LogPeerLostEntries(logger, _to, _from, _shard, _acknowledged + 1, slice.FirstRetained - 1);
            metrics.RecordUnshippable(_from, _to, slice.FirstRetained - 1 - _acknowledged);
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

        _oldestUnshippedMs = slice.Entries[0].Value.Version.Timestamp.WallMs;
        var batch = new ReplicationBatch(_from, _shard, _incarnation, _acknowledged + 1, slice.Entries[^1].Sequence, [.. entries]);
        var applied = await transport.ShipAsync(_to, batch);

        _lastError = null;
        _acknowledged = applied;
        return true;
    }

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
