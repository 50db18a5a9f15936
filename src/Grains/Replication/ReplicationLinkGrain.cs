using GeoStore.Abstractions.Catalog;
using GeoStore.Abstractions.Errors;
using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Abstractions.Options;
using GeoStore.Core.Replication;
using GeoStore.Grains.Placement;
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
    IOptions<GeoStoreOptions> options,
    TimeProvider time,
    ILogger<ReplicationLinkGrain> logger) : Grain, IReplicationLinkGrain
{
    private string _from = string.Empty;
    private string _to = string.Empty;
    private int _shard;
    private ILogShardGrain _log = null!;
    private IReplicationInboxGrain _inbox = null!;
    private Guid _incarnation;
    private long _acknowledged = -1;
    private bool _pumping;
    private bool _again;
    private long _lastSequenceSeen;
    private long _oldestUnshippedMs;
    private string? _lastError;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_from, _to, _shard) = ReplicationKeys.ParseLink(this.GetPrimaryKeyString());
        _log = GrainFactory.GetGrain<ILogShardGrain>(ReplicationKeys.LogShard(_from, _shard));
        _inbox = GrainFactory.GetGrain<IReplicationInboxGrain>(ReplicationKeys.Inbox(_to, _from, _shard));
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

    /// <summary>Ships the next batch; false when there was nothing to ship.</summary>
    private async Task<bool> ShipOneBatch()
    {
        if (_acknowledged < 0)
        {
            _acknowledged = await _log.GetAcknowledged(_to);
        }

        var slice = await _log.ReadAfter(_to, _acknowledged, options.Value.ReplicationBatchSize);
        _lastSequenceSeen = slice.LastSequence;
        if (slice.Incarnation != _incarnation)
        {
            // The log started over (or this is our first read): resume from what it recorded for the peer.
            _incarnation = slice.Incarnation;
            _acknowledged = await _log.GetAcknowledged(_to);
            return true;
        }

        if (slice.Entries.IsDefaultOrEmpty)
        {
            return false;
        }

        _oldestUnshippedMs = slice.Entries[0].Value.Version.Timestamp.WallMs;
        var through = slice.Entries[^1].Sequence;
        var entries = slice.Entries.Where(e => IsReplicatedTo(e.Keyspace)).ToArray();
        var batch = new ReplicationBatch(_from, _shard, _incarnation, _acknowledged + 1, through, [.. entries]);
        var applied = await _inbox.Apply(batch);

        _lastError = null;
        _acknowledged = applied;
        return true;
    }

    private bool IsReplicatedTo(string keyspace) =>
        keyspaces.Snapshot.Find(keyspace)?.Policy.IsReplicaIn(_to) ?? false;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Link {From}->{To}/{Shard} could not ship: {Reason}")]
    private static partial void LogShipFailed(ILogger logger, string from, string to, int shard, string reason);
}
