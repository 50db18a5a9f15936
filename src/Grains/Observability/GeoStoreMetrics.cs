using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using GeoStore.Abstractions.Messages;
using GeoStore.Core.Resolution;

namespace GeoStore.Grains.Observability;

/// <summary>
/// GeoStore's own metrics (meter <c>GeoStore</c>), exported over OTLP with the service defaults:
/// writes, replicated entries applied, WAN refusals and losses, replication lag per link as entries
/// and milliseconds behind (reported by the log shards living on this silo), quorum latency, leader
/// acknowledgement waits, conflicts, hints, fenced messages, anti-entropy and log group-commit sizes.
/// </summary>
public sealed class GeoStoreMetrics
{
    public const string MeterName = "GeoStore";

    private readonly ConcurrentDictionary<(string Region, int Shard, string Peer), PeerLag> _lag = new();
    private readonly ConcurrentDictionary<(string Region, string Target), long> _hints = new();
    private readonly Counter<long> _writes;
    private readonly Counter<long> _applied;
    private readonly Counter<long> _wanRefused;
    private readonly Counter<long> _unshippable;
    private readonly Counter<long> _conflicts;
    private readonly Histogram<double> _quorumDuration;
    private readonly Counter<long> _readRepairs;
    private readonly Counter<long> _hinted;
    private readonly Counter<long> _hintsExpired;
    private readonly Counter<long> _antiEntropyRounds;
    private readonly Counter<long> _antiEntropyRepaired;
    private readonly Counter<long> _tombstonesPurged;
    private readonly Counter<long> _fenced;
    private readonly Counter<long> _epochChanges;
    private readonly Counter<long> _semiSyncDegraded;
    private readonly Histogram<double> _replicationWait;
    private readonly Histogram<long> _logBatch;

    public GeoStoreMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _writes = meter.CreateCounter<long>("geostore.writes", "{write}", "Writes accepted by a region's registers.");
        _applied = meter.CreateCounter<long>("geostore.replication.applied", "{entry}", "Replicated entries that changed a register.");
        _wanRefused = meter.CreateCounter<long>("geostore.wan.refused", "{message}", "Cross-region messages refused by a cut link, lost, or sent to a region with no live silo.");
        _unshippable = meter.CreateCounter<long>("geostore.replication.unshippable", "{entry}", "Entries a peer lost after acknowledging them, which the log could no longer resend.");
        _conflicts = meter.CreateCounter<long>("geostore.conflicts", "{conflict}", "Resolutions of concurrent writes that discarded or merged a value, by resolver and kind.");
        _quorumDuration = meter.CreateHistogram<double>("geostore.quorum.duration", "ms", "Time a Leaderless coordinator took to meet (or give up on) W acks or R answers, by operation and outcome.");
        _readRepairs = meter.CreateCounter<long>("geostore.quorum.read_repairs", "{replica}", "Replicas a quorum read found stale and sent the newest state (async repair or ABD write-back).");
        _fenced = meter.CreateCounter<long>("geostore.leader.fenced", "{message}", "SingleLeader writes and replicated entries rejected because they carried an older epoch (a deposed leader), by region, keyspace and path.");
        _epochChanges = meter.CreateCounter<long>("geostore.leader.epoch_changes", "{epoch}", "Newer SingleLeader epochs a region learned, by region and keyspace.");
        _semiSyncDegraded = meter.CreateCounter<long>("geostore.leader.semisync_degraded", "{write}", "SemiSync writes acknowledged as Async after their followers did not answer in time.");
        _replicationWait = meter.CreateHistogram<double>("geostore.leader.replication_wait", "ms", "Time a SingleLeader write waited for its followers after it was durable at the leader, by mode and outcome.");
        _logBatch = meter.CreateHistogram<long>("geostore.log.batch_size", "{entry}", "Entries a log shard wrote to storage in one group commit, by region.");
        _hintsExpired = meter.CreateCounter<long>("geostore.hints.expired", "{hint}", "Hints dropped undelivered because they outlived the tombstone grace (anti-entropy repairs their target).");
        _hinted = meter.CreateCounter<long>("geostore.hints.held", "{hint}", "Writes held as hints for a replica region a sloppy quorum write could not reach.");
        _antiEntropyRounds = meter.CreateCounter<long>("geostore.antientropy.rounds", "{round}", "Anti-entropy comparisons of a keyspace with one peer region, by outcome.");
        _antiEntropyRepaired = meter.CreateCounter<long>("geostore.antientropy.repaired", "{key}", "Keys anti-entropy found divergent and repaired.");
        _tombstonesPurged = meter.CreateCounter<long>("geostore.antientropy.tombstones.purged", "{key}", "Tombstones purged from every replica after the grace period.");
        meter.CreateObservableGauge("geostore.hints.pending", () => _hints.Select(h => new Measurement<long>(h.Value, new KeyValuePair<string, object?>("region", h.Key.Region), new KeyValuePair<string, object?>("target", h.Key.Target))), "{hint}", "Writes held for an unreachable region.");
        meter.CreateObservableGauge("geostore.replication.lag.entries", () => Lag(l => l.EntriesBehind), "{entry}", "Log entries a peer has not acknowledged.");
        meter.CreateObservableGauge("geostore.replication.lag.ms", () => Lag(l => l.MillisecondsBehind), "ms", "Age of the oldest entry a peer has not acknowledged.");
    }

    public void RecordLogBatch(string region, int entries) =>
        _logBatch.Record(entries, new KeyValuePair<string, object?>("region", region));

    public void RecordWrite(string region, string keyspace) =>
        _writes.Add(1, new("region", region), new("keyspace", keyspace));

    public void RecordApplied(string region, string origin) =>
        _applied.Add(1, new("region", region), new("origin", origin));

    public void RecordWanRefused(string from, string to, string reason) =>
        _wanRefused.Add(1, new("from", from), new("to", to), new("reason", reason));

    public void RecordUnshippable(string from, string to, long entries) =>
        _unshippable.Add(entries, new("from", from), new("to", to));

    public void RecordConflict(string region, string keyspace, string resolver, ConflictKind kind) =>
        _conflicts.Add(1, new("region", region), new("keyspace", keyspace), new("resolver", resolver), new("kind", kind.ToString()));

    public void RecordFenced(string region, string keyspace, string path) =>
        _fenced.Add(1, new("region", region), new("keyspace", keyspace), new("path", path));

    public void RecordEpochLearned(string region, string keyspace) =>
        _epochChanges.Add(1, new("region", region), new("keyspace", keyspace));

    public void RecordSemiSyncDegraded(string region, string keyspace) =>
        _semiSyncDegraded.Add(1, new("region", region), new("keyspace", keyspace));

    public void RecordReplicationWait(string region, string keyspace, string mode, string outcome, TimeSpan elapsed) =>
        _replicationWait.Record(elapsed.TotalMilliseconds, new("region", region), new("keyspace", keyspace), new("mode", mode), new("outcome", outcome));

    public void RecordQuorum(string region, string keyspace, string operation, string outcome, TimeSpan elapsed) =>
        _quorumDuration.Record(elapsed.TotalMilliseconds, new("region", region), new("keyspace", keyspace), new("operation", operation), new("outcome", outcome));

    public void RecordReadRepair(string region, string keyspace, string kind, int replicas)
    {
        if (replicas > 0)
        {
            _readRepairs.Add(replicas, new("region", region), new("keyspace", keyspace), new("kind", kind));
        }
    }

    public void RecordHinted(string region, string target, string keyspace) =>
        _hinted.Add(1, new("region", region), new("target", target), new("keyspace", keyspace));

    public void RecordHintsExpired(string region, string target, int expired) =>
        _hintsExpired.Add(expired, new("region", region), new("target", target));

    public void RecordAntiEntropyRound(string region, string keyspace, string peer, bool succeeded, long keysRepaired)
    {
        _antiEntropyRounds.Add(1, new("region", region), new("keyspace", keyspace), new("peer", peer), new("outcome", succeeded ? "ok" : "failed"));
        if (keysRepaired > 0)
        {
            _antiEntropyRepaired.Add(keysRepaired, new("region", region), new("keyspace", keyspace), new("peer", peer));
        }
    }

    public void RecordTombstonesPurged(string region, string keyspace, long purged)
    {
        if (purged > 0)
        {
            _tombstonesPurged.Add(purged, new("region", region), new("keyspace", keyspace));
        }
    }

    public void ReportHints(string region, string target, long pending) => _hints[(region, target)] = pending;

    public void ReportLag(string region, int shard, IEnumerable<PeerLag> peers)
    {
        foreach (var peer in peers)
        {
            _lag[(region, shard, peer.Peer)] = peer;
        }
    }

    private IEnumerable<Measurement<long>> Lag(Func<PeerLag, long> pick) =>
        _lag.GroupBy(e => (e.Key.Region, e.Key.Peer))
            .Select(g => new Measurement<long>(
                g.Select(e => pick(e.Value)).DefaultIfEmpty().Max(),
                new KeyValuePair<string, object?>("region", g.Key.Region),
                new KeyValuePair<string, object?>("peer", g.Key.Peer)));
}
