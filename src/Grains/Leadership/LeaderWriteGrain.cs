using System.Collections.Immutable;
using System.Diagnostics;
using GeoStore.Abstractions.Catalog;
using GeoStore.Abstractions.Errors;
using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Abstractions.Options;
using GeoStore.Core.Leadership;
using GeoStore.Grains.Observability;
using GeoStore.Grains.Placement;
using GeoStore.Grains.Registers;
using GeoStore.Grains.Replication;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace GeoStore.Grains.Leadership;

/// <summary>
/// A SingleLeader write in the leader region: the register fences and writes it under its epoch
/// (durable in the log: all Async waits for), then this waits on the log shard for the followers
/// the mode needs, as they apply it (SemiSync: k of them; Sync: all). Followers apply what they
/// receive before they acknowledge it, so "received" and "applied" arrive together here.
/// Reentrant and stateless: writes to many keys wait side by side.
/// </summary>
[RegionPlacement, Reentrant]
public sealed class LeaderWriteGrain(
    KeyspaceCache keyspaces,
    GeoStoreMetrics metrics,
    IOptions<GeoStoreOptions> options) : Grain, ILeaderWriteGrain
{
    public async Task<WriteResult> Write(WriteCommand command)
    {
        var (region, _) = ReplicationKeys.ParseLogShard(this.GetPrimaryKeyString());
        var definition = await keyspaces.FindAsync(command.Keyspace) ?? throw new KeyspaceNotFoundException(command.Keyspace);
        var result = await GrainFactory.GetGrain<IRegisterGrain>(RegisterKey.Format(region, command.Keyspace, command.Key)).Write(command);
        if (result.Status != WriteStatus.Applied || result.Leader is not { } answer)
        {
            return result;
        }

        var requirement = definition.Policy.Acks!;
        var followers = definition.Policy.FollowersOf(region).ToImmutableArray();
        var needed = requirement.RequiredOf(followers.Length);
        if (needed == 0)
        {
            return result;
        }

        var started = Stopwatch.GetTimestamp();
        var log = GrainFactory.GetGrain<ILogShardGrain>(ReplicationKeys.LogShard(region, result.Shard));
        var reached = await log.AwaitAcknowledged(result.LogSequence, followers, needed, options.Value.LeaderAckTimeout);
        var reach = ReplicationAcks.Evaluate(
            requirement, answer.Reach.Epoch, result.LogSequence, followers,
            reached.Select(f => new FollowerPosition(f, result.LogSequence, result.LogSequence)),
            timedOut: reached.Length < needed);
        var outcome = reach.IsAcknowledged ? (reach.Degraded ? "degraded" : "acknowledged") : "failed";
        metrics.RecordReplicationWait(region, command.Keyspace, requirement.Mode.ToString(), outcome, Stopwatch.GetElapsedTime(started));
        if (reach.Degraded)
        {
            metrics.RecordSemiSyncDegraded(region, command.Keyspace);
        }

        if (!reach.IsAcknowledged)
        {
            throw new ReplicationNotMetException(command.Keyspace, command.Key, reach, requirement.ToString());
        }

        // A follower that fenced the entry still moves past it (the shard flows on), but it tells
        // this region the newer epoch before it answers: a deposed leader's write is not acknowledged.
        // It is logged, though: it survives if the new leader had it before the failover (indeterminate).
        var view = await GrainFactory.GetGrain<ILeadershipGrain>(LeadershipKey.Format(region, command.Keyspace)).Current();
        if (!view.Epoch.Equals(answer.Reach.Epoch))
        {
            metrics.RecordFenced(region, command.Keyspace, "acknowledgement");
            throw new FencedException(command.Keyspace, region, answer.Reach.Epoch, view.Epoch, indeterminate: true);
        }

        return result with { Leader = answer with { Reach = reach } };
    }
}
