using System.Collections.Immutable;
using GeoStore.Abstractions.Catalog;
using GeoStore.Abstractions.Errors;
using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Abstractions.Options;
using GeoStore.Core.Leadership;
using GeoStore.Core.Replication;
using GeoStore.Core.Resolution;
using GeoStore.Grains.Observability;
using GeoStore.Grains.Placement;
using GeoStore.Grains.Replication;
using GeoStore.Grains.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace GeoStore.Grains.Leadership;

/// <summary>
/// A region's view of who leads one SingleLeader keyspace, stored. It starts from the catalog, then
/// learns newer epochs through the data plane: a failover's prepare or announcement, an entry or a
/// fencing answer that carries one. A region the WAN has cut off therefore keeps its old leader, as
/// a real region would: that is the zombie leader fencing exists for. The leader's view heartbeats
/// its epoch to every follower once a second, each follower on its own (a slow link delays only
/// its own heartbeat). A follower keeps the promises it made to failovers in progress (no more
/// entries of the old epoch), and delivers the orphaned writes it fenced: recorded once, then every
/// replica still serving one takes the current leader's state.
/// </summary>
[RegionPlacement, Reentrant]
public sealed partial class LeadershipGrain(
    [PersistentState("leadership", GeoStoreStorage.Log)] IPersistentState<LeadershipState> state,
    KeyspaceCache keyspaces,
    IRegionTransport transport,
    GeoStoreMetrics metrics,
    IOptions<GeoStoreOptions> options,
    TimeProvider time,
    ILogger<LeadershipGrain> logger) : Grain, ILeadershipGrain
{
    public static readonly TimeSpan AnnounceInterval = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _saving = new(1, 1);
    private readonly HashSet<string> _announcing = new(StringComparer.Ordinal);
    private string _region = string.Empty;
    private string _keyspace = string.Empty;
    private IGrainTimer? _announcer;
    private IGrainTimer? _watch;
    private IGrainTimer? _chores;
    private bool _promoting;
    private bool _choring;
    private long _heardAt;
    private long _nextAttempt;
    private string? _lastDecision;

    private LeaderEpoch Epoch => state.State.Epoch!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        (_region, _keyspace) = LeadershipKey.Parse(this.GetPrimaryKeyString());

        // Silence is counted from when this region started listening, not from the epoch's start.
        _heardAt = time.GetTimestamp();

        // A region that never held an epoch for the keyspace starts from the catalog's. One that did
        // keeps its own, across deactivations and restarts, until the data plane tells it otherwise:
        // a deposed leader coming back believes it leads, and fencing is what stops it.
        if (state.State.Epoch is null)
        {
            var definition = await keyspaces.FindAsync(_keyspace, cancellationToken) ?? throw new KeyspaceNotFoundException(_keyspace);
            (state.State.Epoch, state.State.Unfenced) = (definition.Epoch, definition.Unfenced);
            if (state.State.Epoch is not null)
            {
                await Save();
            }
        }

        if (state.State.Epoch is null)
        {
            throw new InvalidOperationException($"Keyspace '{_keyspace}' has no leader epoch: it is not SingleLeader.");
        }

        StartDuties();
    }

    public Task<EpochView> Current() => Task.FromResult(new EpochView(Epoch, state.State.Unfenced, IsLeader ? null : (long)Silence.TotalMilliseconds, IsLeader ? null : _lastDecision));

    public Task<long?> SilenceMilliseconds() => Task.FromResult(IsLeader ? null : (long?)Silence.TotalMilliseconds);

    private bool IsLeader => string.Equals(Epoch.Leader, _region, StringComparison.Ordinal);

    /// <summary>How long since this follower last heard its leader (its heartbeat, or an answer from it).</summary>
    private TimeSpan Silence => time.GetElapsedTime(_heardAt);

    public async Task<FencingDecision> Observe(LeaderEpoch carried, bool unfenced)
    {
        var held = Epoch;
        var decision = Fencing.Check(held, carried);
        if (unfenced && carried.Number == held.Number && !carried.Equals(held))
        {
            // The unsafe promotion: the same number under another leader. Without fencing nothing
            // can tell the two leaders apart; take the announced one, as an unfenced replica would.
            decision = new FencingDecision(FencingVerdict.LearnNewer, carried, carried);
        }

        if (decision.MustAdopt)
        {
            // A promise was made against the epoch being replaced; the failover it was for (or a later one) is decided.
            (state.State.Epoch, state.State.Unfenced) = (carried, unfenced);
            state.State.Promises.Clear();

            // A follower of the promoted leader makes its replica agree with it: the old leader may
            // never send what it lacks, nor take back what it sent after the fork.
            state.State.Reconcile = !unfenced && !string.Equals(carried.Leader, _region, StringComparison.Ordinal);
            await Save();
            metrics.RecordEpochLearned(_region, _keyspace);
            LogLearned(logger, _region, _keyspace, held.Number, held.Leader, carried.Number, carried.Leader);
            StartDuties();
        }

        if (decision.IsAccepted && carried.Equals(Epoch))
        {
            // The leader's heartbeat (or its announcement of a new epoch).
            _heardAt = time.GetTimestamp();
        }
        else if (!decision.IsAccepted)
        {
            metrics.RecordFenced(_region, _keyspace, "announcement");
        }

        return decision;
    }

    public async Task<FencingDecision> Admit(LeaderEpoch carried)
    {
        if (carried.Equals(Epoch) && await PromisedAsync())
        {
            return new FencingDecision(FencingVerdict.Hold, Epoch, carried);
        }

        return await Observe(carried, unfenced: false);
    }

    public async Task<FollowerStanding> Prepare(LeaderEpoch expected, Guid ballot)
    {
        if (expected.Number > Epoch.Number)
        {
            // This region missed a promotion the catalog made: learn it before promising against it.
            await Observe(expected, unfenced: false);
        }

        if (!Epoch.Equals(expected) || IsLeader)
        {
            // The keyspace moved on (or this region leads the epoch): promise nothing; the epoch says why.
            return await Standing();
        }

        // Kept for GeoStore:FailoverPromiseLifetime; the failover promotes within a third of it or gives up.
        state.State.Promises[ballot] = time.GetUtcNow().Add(options.Value.FailoverPromiseLifetime).ToUnixTimeMilliseconds();
        await Save();
        StartDuties();

        // Read after the promise is durable: an entry applied before it is counted, none after it is taken.
        return await Standing();
    }

    public async Task Release(Guid ballot)
    {
        if (state.State.Promises.Remove(ballot))
        {
            await Save();
        }
    }

    public async Task<FollowerStanding> Standing()
    {
        var leader = Epoch.Leader;
        var received = ImmutableDictionary.CreateBuilder<int, long>();
        if (!string.Equals(leader, _region, StringComparison.Ordinal))
        {
            var positions = await Task.WhenAll(Enumerable.Range(0, options.Value.LogShards).Select(shard =>
                GrainFactory.GetGrain<IReplicationInboxGrain>(ReplicationKeys.Inbox(_region, leader, shard)).GetAppliedThrough()));
            for (var shard = 0; shard < positions.Length; shard++)
            {
                if (positions[shard] > 0)
                {
                    received[shard] = positions[shard];
                }
            }
        }

        return new FollowerStanding(_region, Epoch, received.ToImmutable());
    }

    public async Task Orphaned(string origin, int shard, LogEntry entry)
    {
        if (!state.State.Orphans.Exists(o => o.Entry.Value.Version == entry.Value.Version && string.Equals(o.Entry.Key, entry.Key, StringComparison.Ordinal)))
        {
            state.State.Orphans.Add(new PendingOrphan(origin, shard, entry, Recorded: false, ImmutableHashSet<string>.Empty));
            await Save();
        }

        StartDuties();
    }

    /// <summary>
    /// True while a failover's promise holds. A promise past its lifetime is kept if the catalog
    /// shows the promotion (its epoch is learned instead, which ends every promise) or cannot be
    /// read; it is dropped only when the catalog still holds the epoch it was made against.
    /// </summary>
    private async Task<bool> PromisedAsync()
    {
        var promises = state.State.Promises;
        if (promises.Count == 0)
        {
            return false;
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (promises.Values.Any(expires => expires > now))
        {
            return true;
        }

        try
        {
            await keyspaces.RefreshAsync();
        }
        catch (Exception ex) when (ex is RegionUnavailableException or TimeoutException or OrleansException)
        {
            return true;
        }

        var catalog = keyspaces.Snapshot.Find(_keyspace)?.Epoch;
        if (catalog is not null && catalog.Number > Epoch.Number)
        {
            await Observe(catalog, keyspaces.Snapshot.Find(_keyspace)!.Unfenced);
            return false;
        }

        if (catalog is not null && catalog.Equals(Epoch))
        {
            LogPromiseLapsed(logger, _region, _keyspace, Epoch.Number, promises.Count);
            promises.Clear();
            await Save();
            return false;
        }

        return true;
    }

    /// <summary>
    /// The leader heartbeats every follower once a second; a follower of a keyspace with automatic
    /// failover watches that silence; a region with promises or orphans to deliver works them off.
    /// </summary>
    private void StartDuties()
    {
        if (IsLeader && _announcer is null)
        {
            _announcer = this.RegisterGrainTimer(Announce, new GrainTimerCreationOptions(TimeSpan.Zero, AnnounceInterval) { KeepAlive = true });
        }

        if (!IsLeader && _watch is null && keyspaces.Snapshot.Find(_keyspace)?.Policy.AutoFailoverSeconds is not null)
        {
            _watch = this.RegisterGrainTimer(Watch, new GrainTimerCreationOptions(AnnounceInterval, AnnounceInterval) { KeepAlive = true });
        }

        if ((state.State.Promises.Count > 0 || state.State.Orphans.Count > 0 || state.State.Reconcile) && _chores is null)
        {
            _chores = this.RegisterGrainTimer(Chores, new GrainTimerCreationOptions(TimeSpan.Zero, AnnounceInterval) { KeepAlive = true });
        }
    }

    private Task Announce(CancellationToken cancellationToken)
    {
        var epoch = Epoch;
        if (!string.Equals(epoch.Leader, _region, StringComparison.Ordinal))
        {
            _announcer?.Dispose();
            _announcer = null;
            return Task.CompletedTask;
        }

        var definition = keyspaces.Snapshot.Find(_keyspace);
        if (definition is null)
        {
            return Task.CompletedTask;
        }

        // One heartbeat per follower, none awaited together: a follower whose link is slow or cut
        // delays only its own, and a heartbeat still under way is not sent again.
        foreach (var follower in definition.Policy.FollowersOf(_region))
        {
            if (_announcing.Add(follower))
            {
                _ = AnnounceTo(follower, epoch, state.State.Unfenced);
            }
        }

        return Task.CompletedTask;
    }

    private async Task AnnounceTo(string follower, LeaderEpoch epoch, bool unfenced)
    {
        try
        {
            var answer = await transport.ObserveEpochAsync(follower, _keyspace, epoch, unfenced);
            if (!answer.IsAccepted && answer.Current.Number > epoch.Number)
            {
                // This region was deposed while it could not hear of it: learn from the follower.
                await Observe(answer.Current, unfenced: false);
            }
        }
        catch (Exception ex) when (ex is RegionUnavailableException or TimeoutException or OrleansException)
        {
            // Cut off or down: announced again on the next tick.
        }
        finally
        {
            _announcing.Remove(follower);
        }
    }

    /// <summary>
    /// Automatic failover, from a follower: once this region has not heard its leader for the
    /// keyspace's <c>autoFailoverSeconds</c>, it asks the other followers how long they have not, and
    /// fails over (never forced) only when a majority of ALL the keyspace's regions, the leader's
    /// counted, have each missed the leader that long (<see cref="AutoFailoverVote"/>): a minority
    /// side of a partition can never promote. The failover names the epoch it votes against, so two
    /// watches that decide at once promote once.
    /// </summary>
    private async Task Watch(CancellationToken cancellationToken)
    {
        var definition = keyspaces.Snapshot.Find(_keyspace);
        if (IsLeader || definition?.Policy.AutoFailoverSeconds is not { } seconds)
        {
            _watch?.Dispose();
            _watch = null;
            return;
        }

        var after = TimeSpan.FromSeconds(seconds);
        if (_promoting || Silence < after || time.GetTimestamp() < _nextAttempt)
        {
            return;
        }

        var now = time.GetUtcNow();
        var epoch = Epoch;
        var observations = new List<LeaderUnreachableObservation> { new(_region, now - Silence) };
        var others = definition.Policy.FollowersOf(epoch.Leader).Where(r => !string.Equals(r, _region, StringComparison.Ordinal));
        var silences = await Task.WhenAll(others.Select(async other =>
        {
            try
            {
                // Each region times its own silence; only the length crosses, so clocks need not agree.
                return (other, ms: await transport.SilenceAsync(other, _keyspace));
            }
            catch (Exception ex) when (ex is RegionUnavailableException or TimeoutException or OrleansException)
            {
                // A follower this region cannot reach casts no vote.
                return (other, ms: (long?)null);
            }
        }));
        observations.AddRange(silences.Where(s => s.ms is not null).Select(s => new LeaderUnreachableObservation(s.other, now - TimeSpan.FromMilliseconds(s.ms!.Value))));

        var decision = AutoFailoverVote.Decide([.. definition.Policy.Regions], epoch.Leader, observations, after, now);
        _lastDecision = decision.Reason;
        if (!decision.Allowed || !Epoch.Equals(epoch))
        {
            return;
        }

        _promoting = true;
        try
        {
            LogAutoFailover(logger, _region, _keyspace, epoch.Leader, decision.Reason);
            await GrainFactory.GetGrain<IFailoverGrain>(_keyspace).Failover(new FailoverRequest(null, Fenced: true, Force: false, ExpectedEpoch: epoch.Number));
        }
        catch (Exception ex) when (ex is FailoverConflictException or FailoverRefusedException or InvalidKeyspaceException or RegionUnavailableException or TimeoutException or OrleansException)
        {
            // Another region's promotion won, or promoting now could lose acknowledged writes: watch on.
            LogAutoFailoverFailed(logger, _region, _keyspace, ex.Message);
            _lastDecision = $"{decision.Reason} The failover did not happen: {ex.Message}";
            _nextAttempt = time.GetTimestamp() + (long)(after.TotalSeconds * time.TimestampFrequency);
        }
        finally
        {
            _promoting = false;
        }
    }

    /// <summary>Ends lapsed promises and delivers pending orphans; stops itself when neither is left.</summary>
    private async Task Chores(CancellationToken cancellationToken)
    {
        if (_choring)
        {
            return;
        }

        _choring = true;
        try
        {
            await PromisedAsync();
            if (state.State.Orphans.Count > 0)
            {
                await DeliverOrphans();
            }

            if (state.State.Reconcile)
            {
                await ReconcileWithLeader();
            }

            if (state.State.Promises.Count == 0 && state.State.Orphans.Count == 0 && !state.State.Reconcile)
            {
                _chores?.Dispose();
                _chores = null;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogOrphansFailed(logger, _region, _keyspace, ex.Message);
        }
        finally
        {
            _choring = false;
        }
    }

    /// <summary>
    /// For each orphan this region fenced: read the current leader's state of the key (the new
    /// leader's word decides: had it received the write, it is no orphan), record it once in the
    /// orphaned-writes log, and make every replica of the key that still serves it take that state.
    /// Anything that cannot be done now (a region unreachable) is retried on the next tick.
    /// </summary>
    private async Task DeliverOrphans()
    {
        var policy = keyspaces.Snapshot.Find(_keyspace)?.Policy;
        foreach (var orphan in state.State.Orphans.ToList())
        {
            var entry = orphan.Entry;
            var epoch = Epoch;
            ReplicaRead leader;
            try
            {
                leader = await transport.ReadAsync(epoch.Leader, _keyspace, entry.Key);
            }
            catch (Exception ex) when (ex is RegionUnavailableException or TimeoutException or OrleansException)
            {
                continue;
            }

            var next = orphan;
            if (leader.Seen.Covers(entry.Value.Version))
            {
                // The current leader has the write: it is not orphaned after all.
                next = next with { Recorded = true, Dropped = [.. policy?.Regions ?? []] };
            }

            if (!next.Recorded)
            {
                var record = new ConflictRecord(
                    _keyspace, entry.Key, orphan.Origin, "fencing", ConflictKind.Orphaned, leader.Value?.Version,
                    [entry.Value], time.GetUtcNow().ToUnixTimeMilliseconds());
                await GrainFactory.GetGrain<IConflictLogGrain>(ReplicationKeys.LogShard(_region, orphan.Shard)).Record(record);
                metrics.RecordConflict(_region, _keyspace, "fencing", ConflictKind.Orphaned);
                next = next with { Recorded = true };
            }

            foreach (var replica in (policy?.Regions ?? []).Where(r => !next.Dropped.Contains(r)))
            {
                try
                {
                    // The replica learns the epoch first: should the orphan reach it only later (its
                    // link to the deposed leader heals last), it fences the orphan instead of applying it.
                    await transport.ObserveEpochAsync(replica, _keyspace, epoch, unfenced: false);
                    await transport.DropOrphanAsync(replica, _keyspace, entry.Key, [entry.Value.Version], leader, epoch.Number);
                    next = next with { Dropped = next.Dropped.Add(replica) };
                }
                catch (Exception ex) when (ex is RegionUnavailableException or TimeoutException or OrleansException)
                {
                    // Dropped there on a later tick.
                }
            }

            var index = state.State.Orphans.IndexOf(orphan);
            if (index >= 0)
            {
                if (policy is null || policy.Regions.All(next.Dropped.Contains))
                {
                    state.State.Orphans.RemoveAt(index);
                }
                else
                {
                    state.State.Orphans[index] = next;
                }

                await Save();
            }
        }
    }

    /// <summary>
    /// Walks this replica against the leader's (<see cref="IAntiEntropyGrain.AdoptFromLeader"/>) once
    /// after learning a promotion; an unreachable leader is walked against on a later tick.
    /// </summary>
    private async Task ReconcileWithLeader()
    {
        var epoch = Epoch;
        if (!IsLeader)
        {
            var report = await GrainFactory.GetGrain<IAntiEntropyGrain>(AntiEntropy.AntiEntropyKey.Format(_region, _keyspace)).AdoptFromLeader(epoch.Leader, epoch.Number);
            if (!report.Succeeded)
            {
                return;
            }

            LogReconciled(logger, _region, _keyspace, epoch.Number, epoch.Leader, report.KeysCompared, report.KeysRepaired);
        }

        if (Epoch.Equals(epoch))
        {
            state.State.Reconcile = false;
            await Save();
        }
    }

    /// <summary>Writes the state, one write at a time (the grain is reentrant).</summary>
    private async Task Save()
    {
        await _saving.WaitAsync();
        try
        {
            await state.WriteStateAsync();
        }
        finally
        {
            _saving.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Region {Region} learned a new leader for {Keyspace}: epoch {FromNumber} ({FromLeader}) -> {ToNumber} ({ToLeader})")]
    private static partial void LogLearned(ILogger logger, string region, string keyspace, long fromNumber, string fromLeader, long toNumber, string toLeader);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Region {Region} starts an automatic failover of {Keyspace} away from {Leader}: {Reason}")]
    private static partial void LogAutoFailover(ILogger logger, string region, string keyspace, string leader, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Region {Region}'s automatic failover of {Keyspace} did not happen: {Reason}")]
    private static partial void LogAutoFailoverFailed(ILogger logger, string region, string keyspace, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Region {Region} let {Count} failover promise(s) for {Keyspace} epoch {Epoch} lapse: the catalog shows no promotion")]
    private static partial void LogPromiseLapsed(ILogger logger, string region, string keyspace, long epoch, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Region {Region} reconciled {Keyspace} with epoch {Epoch}'s leader {Leader}: {Compared} keys compared, {Repaired} taken from the leader")]
    private static partial void LogReconciled(ILogger logger, string region, string keyspace, long epoch, string leader, int compared, int repaired);

    [LoggerMessage(Level = LogLevel.Error, Message = "Region {Region} could not deliver the orphaned writes of {Keyspace}: {Reason}")]
    private static partial void LogOrphansFailed(ILogger logger, string region, string keyspace, string reason);
}
