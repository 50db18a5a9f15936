using System.Collections.Immutable;
using GeoStore.Abstractions.Catalog;
using GeoStore.Abstractions.Errors;
using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Abstractions.Options;
using GeoStore.Core.Leadership;
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
/// learns newer epochs only from the data plane: a failover's announcement, an entry or a fencing answer
/// that carries one. A region the WAN has cut off therefore keeps its old leader, as a real region
/// would: that is the zombie leader fencing exists for. The leader's own view announces its epoch
/// to every follower (once a second until each has it), so a region that missed a failover learns
/// it as soon as its link heals. A deposed leader moves its writes the new leader never received to
/// the orphaned-writes log (<see cref="OrphanMover"/>).
/// </summary>
[RegionPlacement, Reentrant]
public sealed partial class LeadershipGrain(
    [PersistentState("leadership", GeoStoreStorage.Log)] IPersistentState<LeadershipState> state,
    KeyspaceCache keyspaces,
    IRegionTransport transport,
    OrphanMover orphans,
    GeoStoreMetrics metrics,
    IOptions<GeoStoreOptions> options,
    TimeProvider time,
    ILogger<LeadershipGrain> logger) : Grain, ILeadershipGrain
{
    public static readonly TimeSpan AnnounceInterval = TimeSpan.FromSeconds(1);

    private string _region = string.Empty;
    private string _keyspace = string.Empty;
    private IGrainTimer? _announcer;
    private IGrainTimer? _watch;
    private bool _movingOrphans;
    private bool _promoting;
    private long _heardAt;

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
                await state.WriteStateAsync(cancellationToken);
            }
        }

        if (state.State.Epoch is null)
        {
            throw new InvalidOperationException($"Keyspace '{_keyspace}' has no leader epoch: it is not SingleLeader.");
        }

        StartDuties();
    }

    public Task<EpochView> Current() => Task.FromResult(new EpochView(Epoch, state.State.Unfenced, IsLeader ? null : (long)Silence.TotalMilliseconds));

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
            var deposed = string.Equals(held.Leader, _region, StringComparison.Ordinal) && !string.Equals(carried.Leader, _region, StringComparison.Ordinal);
            (state.State.Epoch, state.State.Unfenced) = (carried, unfenced);
            if (deposed && !unfenced)
            {
                state.State.OrphansPending = held;
            }

            await state.WriteStateAsync();
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

    /// <summary>
    /// The leader announces its epoch every second (a heartbeat: followers time their silence by it);
    /// a follower of a keyspace with automatic failover watches that silence; a deposed leader moves its orphans.
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

        if (state.State.OrphansPending is not null && !_movingOrphans)
        {
            _movingOrphans = true;
            _ = MoveOrphans();
        }
    }

    private async Task Announce(CancellationToken cancellationToken)
    {
        var epoch = Epoch;
        if (!string.Equals(epoch.Leader, _region, StringComparison.Ordinal))
        {
            _announcer?.Dispose();
            _announcer = null;
            return;
        }

        var definition = keyspaces.Snapshot.Find(_keyspace);
        if (definition is null)
        {
            return;
        }

        var unfenced = state.State.Unfenced;
        await Task.WhenAll(definition.Policy.FollowersOf(_region).Select(async follower =>
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
        }));
    }

    /// <summary>
    /// Automatic failover, from a follower: once this region has not heard its leader for the
    /// keyspace's <c>autoFailoverSeconds</c>, it asks the other followers how long they have not, and
    /// promotes (the most up-to-date reachable follower) only when a majority of ALL the keyspace's
    /// regions, the leader's counted, have each missed the leader that long
    /// (<see cref="AutoFailoverVote"/>): a minority side of a partition can never promote.
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
        if (_promoting || Silence < after)
        {
            return;
        }

        var now = time.GetUtcNow();
        var leader = Epoch.Leader;
        var observations = new List<LeaderUnreachableObservation> { new(_region, now - Silence) };
        foreach (var other in definition.Policy.FollowersOf(leader).Where(r => !string.Equals(r, _region, StringComparison.Ordinal)))
        {
            try
            {
                // Each region times its own silence; only the length crosses, so clocks need not agree.
                if (await transport.SilenceAsync(other, _keyspace) is { } ms)
                {
                    observations.Add(new LeaderUnreachableObservation(other, now - TimeSpan.FromMilliseconds(ms)));
                }
            }
            catch (Exception ex) when (ex is RegionUnavailableException or TimeoutException or OrleansException)
            {
                // A follower this region cannot reach casts no vote.
            }
        }

        var decision = AutoFailoverVote.Decide([.. definition.Policy.Regions], leader, observations, after, now);
        if (!decision.Allowed)
        {
            return;
        }

        _promoting = true;
        try
        {
            LogAutoFailover(logger, _region, _keyspace, leader, decision.Reason);
            await GrainFactory.GetGrain<IFailoverGrain>(_keyspace).Failover(new FailoverRequest(null));
        }
        catch (Exception ex) when (ex is FailoverConflictException or InvalidKeyspaceException or RegionUnavailableException or OrleansException)
        {
            // Another region's promotion won, or no follower could be promoted now: watch on.
            LogAutoFailoverFailed(logger, _region, _keyspace, ex.Message);
        }
        finally
        {
            _promoting = false;
            _heardAt = time.GetTimestamp();
        }
    }

    private async Task MoveOrphans()
    {
        try
        {
            while (state.State.OrphansPending is { } deposed)
            {
                if (await orphans.MoveAsync(_region, _keyspace, deposed, Epoch))
                {
                    state.State.OrphansPending = null;
                    await state.WriteStateAsync();
                    break;
                }

                await Task.Delay(AnnounceInterval);
            }
        }
        catch (Exception ex)
        {
            LogOrphansFailed(logger, _region, _keyspace, ex.Message);
        }
        finally
        {
            _movingOrphans = false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Region {Region} learned a new leader for {Keyspace}: epoch {FromNumber} ({FromLeader}) -> {ToNumber} ({ToLeader})")]
    private static partial void LogLearned(ILogger logger, string region, string keyspace, long fromNumber, string fromLeader, long toNumber, string toLeader);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Region {Region} starts an automatic failover of {Keyspace} away from {Leader}: {Reason}")]
    private static partial void LogAutoFailover(ILogger logger, string region, string keyspace, string leader, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Region {Region}'s automatic failover of {Keyspace} did not happen: {Reason}")]
    private static partial void LogAutoFailoverFailed(ILogger logger, string region, string keyspace, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Region {Region} could not move the orphaned writes of {Keyspace}: {Reason}")]
    private static partial void LogOrphansFailed(ILogger logger, string region, string keyspace, string reason);
}
