using GeoStore.Abstractions.Catalog;
using GeoStore.Abstractions.Errors;
using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Core.Keyspaces;
using GeoStore.Core.Leadership;
using GeoStore.Core.Replication;
using GeoStore.Core.Versioning;
using GeoStore.Grains.Leadership;
using GeoStore.Grains.Observability;
using GeoStore.Grains.Placement;
using GeoStore.Grains.Registers;
using GeoStore.Grains.Transport;

namespace GeoStore.Grains.Replication;

/// <summary>
/// Applies batches from one origin shard to this region's registers, exactly once and in order
/// per key (keys in parallel), then records how far it got. Only then is the batch acknowledged,
/// so a crash midway makes the origin resend, and applying again changes nothing. Entries of
/// SingleLeader keyspaces are fenced first: one carrying an epoch older than this region holds is
/// skipped (still covered, so the shard flows on) unless the promoted leader had received it
/// before the failover, and its origin is told the current epoch.
/// </summary>
[RegionPlacement]
public sealed class ReplicationInboxGrain(
    [PersistentState("inbox", GeoStoreStorage.Log)] IPersistentState<InboxState> state,
    KeyspaceCache keyspaces,
    IRegionTransport transport,
    GeoStoreMetrics metrics,
    TimeProvider time) : Grain, IReplicationInboxGrain
{
    private string _region = string.Empty;
    private long? _heardAt;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _region = ReplicationKeys.ParseInbox(this.GetPrimaryKeyString()).To;
        return Task.CompletedTask;
    }

    public async Task<long> Apply(ReplicationBatch batch)
    {
        _heardAt = time.GetTimestamp();
        state.State.OriginLast = Math.Max(state.State.OriginLast, batch.LastSequence);
        var plan = InboundCursor.Plan(state.State.Position, batch);
        if (plan.Gap || plan.Position == state.State.Position)
        {
            return state.State.Position.Incarnation == batch.Incarnation ? state.State.Position.AppliedThrough : 0;
        }

        var (accepted, heldFrom) = await Fence(batch, plan.ToApply);
        await Task.WhenAll(accepted
            .GroupBy(e => (e.Keyspace, e.Key))
            .Select(async perKey =>
            {
                var register = GrainFactory.GetGrain<IRegisterGrain>(RegisterKey.Format(_region, perKey.Key.Keyspace, perKey.Key.Key));
                foreach (var entry in perKey)
                {
                    await register.ApplyReplicated(entry);
                }
            }));

        // Entries a failover asked this region to hold stop the batch there: it comes again from them.
        state.State.Position = heldFrom is { } held ? plan.Position with { AppliedThrough = held - 1 } : plan.Position;
        state.State.Newest = accepted.Aggregate(state.State.Newest ?? TimestampVector.Empty, (newest, e) => newest.With(e.Value.Version));
        await state.WriteStateAsync();
        return state.State.Position.AppliedThrough;
    }

    public Task<long> GetAppliedThrough() => Task.FromResult(state.State.Position.AppliedThrough);

    public Task<TimestampVector> GetNewestApplied() => Task.FromResult(state.State.Newest ?? TimestampVector.Empty);

    public Task<InboxProgress> GetProgress() => Task.FromResult(new InboxProgress(
        state.State.Position.AppliedThrough,
        Math.Max(state.State.OriginLast, state.State.Position.AppliedThrough),
        _heardAt is { } heard ? (long)time.GetElapsedTime(heard).TotalMilliseconds : null));

    /// <summary>
    /// The entries this region takes: all but SingleLeader entries of a deposed epoch that the
    /// promoted leader never received (after the fork of their own epoch), which are queued as
    /// orphans; and, when a failover is deciding, none from the first entry of the epoch it replaces
    /// (returned as the sequence to hold from).
    /// </summary>
    private async Task<(List<LogEntry> Accepted, long? HeldFrom)> Fence(ReplicationBatch batch, IReadOnlyList<LogEntry> entries)
    {
        if (entries.All(e => e.Epoch is null))
        {
            return ([.. entries], null);
        }

        long? heldFrom = null;
        var rejected = new HashSet<LogEntry>(ReferenceEqualityComparer.Instance);
        foreach (var group in entries.Where(e => e.Epoch is not null).GroupBy(e => (e.Keyspace, e.Epoch!)))
        {
            var (keyspace, epoch) = group.Key;
            var definition = keyspaces.Snapshot.Find(keyspace) ?? await keyspaces.FindAsync(keyspace);
            if (definition is null || definition.Policy.Mode != ReplicationMode.SingleLeader || definition.Unfenced || !definition.Policy.IsReplicaIn(_region))
            {
                continue;
            }

            var leadership = GrainFactory.GetGrain<ILeadershipGrain>(LeadershipKey.Format(_region, keyspace));
            var decision = await leadership.Admit(epoch);
            if (decision.Verdict == FencingVerdict.Hold)
            {
                var first = group.Min(e => e.Sequence);
                heldFrom = heldFrom is { } h ? Math.Min(h, first) : first;
                continue;
            }

            if (decision.IsAccepted)
            {
                continue;
            }

            // This region may have heard of the promotion before its catalog copy did: fetch the fork
            // points, and whether the promotion was unfenced (then nothing is rejected).
            await keyspaces.RefreshAsync();
            definition = keyspaces.Snapshot.Find(keyspace) ?? definition;
            if (definition.Unfenced)
            {
                continue;
            }

            // History the promoted leader had received before the failover that deposed this entry's
            // epoch is the new leader's too, however many failovers came after.
            var fork = definition.ForkOf(epoch);
            foreach (var entry in group.Where(e => fork is null || fork.IsOrphan(epoch, batch.Shard, e.Sequence)))
            {
                rejected.Add(entry);
                metrics.RecordFenced(_region, keyspace, "shipment");
                await leadership.Orphaned(batch.Origin, batch.Shard, entry);
            }

            // The deposed leader learns the epoch from its own rejected shipment, before this batch is
            // acknowledged: a SemiSync or Sync write waiting on this follower then sees that it was
            // fenced, not applied. If the origin cannot be told, the batch fails and comes again.
            await transport.ObserveEpochAsync(batch.Origin, keyspace, decision.Current, unfenced: false);
        }

        return ([.. entries.Where(e => !rejected.Contains(e) && (heldFrom is null || e.Sequence < heldFrom))], heldFrom);
    }
}
