using GeoStore.Abstractions.Errors;
using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Core.Causality;
using GeoStore.Core.Crdts;
using GeoStore.Core.Keyspaces;
using GeoStore.Core.Leadership;
using GeoStore.Core.Replication;
using GeoStore.Core.Versioning;

namespace GeoStore.Grains.Registers;

public sealed partial class RegisterGrain
{
    public async Task<WriteResult> Write(WriteCommand command)
    {
        var policy = await PolicyAsync();
        LeaderEpoch? epoch = null;
        if (policy.Mode == ReplicationMode.SingleLeader)
        {
            // Only the leader of the epoch this region holds writes; a deposed one (or a follower) is fenced here.
            var view = await GrainFactory.GetGrain<ILeadershipGrain>(Leadership.LeadershipKey.Format(_key.Region, _key.Keyspace)).Current();
            if (!string.Equals(view.Epoch.Leader, _key.Region, StringComparison.Ordinal) || view.Epoch.Number < state.State.Epoch)
            {
                metrics.RecordFenced(_key.Region, _key.Keyspace, "write");
                throw new FencedException(_key.Keyspace, _key.Region, null, view.Epoch);
            }

            epoch = view.Epoch;
        }

        var versioned = Version(command, policy, above: command.After);
        return versioned.Refused ?? await Commit(policy, versioned.Version!, versioned.Value!, versioned.Merged, command.After, epoch);
    }

    public async Task<PreparedWrite> WriteForQuorum(WriteCommand command, LogEntry? newest)
    {
        var policy = await PolicyAsync();

        // ABD: what the read quorum found newest is merged first, so the condition is checked against
        // it and the write is versioned above it (and sees it: no false conflict elsewhere).
        var caughtUp = newest is null ? null : Merge(policy, newest);
        if (caughtUp is not null)
        {
            (state.State.Current, state.State.Seen, state.State.Merged) = (caughtUp.Current, caughtUp.Seen, caughtUp.Merged);
        }

        var versioned = Version(command, policy, command.After);
        if (versioned.Refused is { } refused)
        {
            if (caughtUp is not null)
            {
                await PersistAsync();
            }

            return new PreparedWrite(refused, null);
        }

        var (version, value, merged) = (versioned.Version!, versioned.Value!, versioned.Merged);
        var seen = SeenBy(version, command.After);
        var entry = new LogEntry(0, _key.Region, _key.Keyspace, _key.Key, value, Seen: seen, State: merged);
        (state.State.Current, state.State.Seen, state.State.Merged) = (value, seen, merged);
        await PersistAsync();
        metrics.RecordWrite(_key.Region, _key.Keyspace);
        NotifyWaiters();
        return new PreparedWrite(new WriteResult(WriteStatus.Applied, version, _key.Region, _shard, 0, seen), entry);
    }

    /// <summary>
    /// Checks <paramref name="command"/> against this replica and gives it its version (above every
    /// write seen here and above <paramref name="above"/>), value and, for keyspaces that keep
    /// siblings, the merged state it leaves; or the answer that refuses it. Changes nothing.
    /// </summary>
    private VersionedWrite Version(WriteCommand command, KeyspacePolicy policy, WriteVersion? above)
    {
        var current = state.State.Current;
        if (!WriteConditions.Holds(command.Condition, current))
        {
            return new(new WriteResult(WriteStatus.PreconditionFailed, current?.Version, _key.Region, _shard, 0), null, null, null);
        }

        var version = new WriteVersion(NextTimestamp(above?.Timestamp), _key.Region);
        var value = new VersionedValue(version, command.Value, command.Value is null ? null : command.ContentType);
        ReplicatedState? merged = null;
        if (policy.Resolver == ConflictResolver.MultiValue)
        {
            // A blind write adds a sibling; one carrying the context it read replaces what that context saw.
            var siblings = state.State.Merged?.Siblings ?? SiblingSet.Empty;
            // The context may cover writes this replica has not received yet (read in another region):
            // they are replaced when they arrive, as the client saw them. The API ties tokens to their key.
            var seenByClient = command.Context ?? VersionVector.Empty;
            var cap = SiblingSet.CheckCap(siblings, seenByClient, policy.MaxSiblings);
            if (!cap.Allowed)
            {
                return new(new WriteResult(WriteStatus.TooManySiblings, current?.Version, _key.Region, _shard, 0, Problem: cap.Error), null, null, null);
            }

            var updated = siblings.Update(seenByClient, _key.Region, value).Result;
            merged = new ReplicatedState(Siblings: updated);
            value = updated.Newest ?? value;
        }
        else if (policy.Resolver == ConflictResolver.Custom)
        {
            // The write saw everything this replica holds, the losers of earlier conflicts included: it replaces them all.
            var siblings = state.State.Merged?.Siblings ?? SiblingSet.Empty;
            merged = new ReplicatedState(Siblings: siblings.Update(siblings.Context, _key.Region, value).Result);
        }

        return new(null, version, value, merged);
    }

    public async Task<WriteResult> Update(CrdtCommand command)
    {
        var policy = await PolicyAsync();
        if (policy.Crdt is not { } type)
        {
            return new WriteResult(WriteStatus.InvalidOperation, null, _key.Region, _shard, 0, Problem: $"Keyspace '{_key.Keyspace}' is not a Crdt keyspace.");
        }

        var crdt = state.State.Merged?.Crdt ?? CrdtValue.Empty(type);
        var version = new WriteVersion(NextTimestamp(), _key.Region);
        try
        {
            foreach (var operation in command.Operations)
            {
                crdt = crdt.Apply(operation, _key.Region, version.Timestamp);
                version = version with { Timestamp = clock.Observe(version.Timestamp) };
            }
        }
        catch (CrdtOperationException ex)
        {
            // Checked against the key's state as a whole batch: nothing of it is applied.
            return new WriteResult(WriteStatus.InvalidOperation, null, _key.Region, _shard, 0, Problem: ex.Message);
        }

        return await Commit(policy, version, new VersionedValue(version, null, null), new ReplicatedState(Crdt: crdt));
    }

    /// <summary>
    /// The causal past of a new write: all this replica has seen, the write the client says it saw
    /// (so no replica takes the overwrite of it for a conflict), and the write itself.
    /// </summary>
    private TimestampVector SeenBy(WriteVersion version, WriteVersion? after) =>
        (after is null ? Seen : Seen.With(after)).With(version);

    private sealed record VersionedWrite(WriteResult? Refused, WriteVersion? Version, VersionedValue? Value, ReplicatedState? Merged);

    /// <summary>
    /// Stores the write with its log entry in the outbox, then appends the entry to the region's log,
    /// then answers: both are durable before the client hears of it. Storing first means a write is
    /// never lost between the two (the next activation appends what the outbox holds) and its
    /// version or dot is never handed out again; the log would otherwise drop the entry as soon as
    /// every peer has it, leaving nothing to recover from.
    /// </summary>
    private async Task<WriteResult> Commit(KeyspacePolicy policy, WriteVersion version, VersionedValue value, ReplicatedState? merged, WriteVersion? after = null, LeaderEpoch? epoch = null)
    {
        var seen = SeenBy(version, after);
        var entry = new LogEntry(0, _key.Region, _key.Keyspace, _key.Key, value, Route: ReplicationRoute.For(policy), Seen: seen, State: merged, Epoch: epoch);
        (state.State.Current, state.State.Seen, state.State.Merged, state.State.Outbox) = (merged?.Crdt is null ? value : null, seen, merged, entry);
        state.State.Epoch = epoch?.Number ?? state.State.Epoch;
        _outboxLogged = false;
        await PersistAsync();

        long sequence;
        try
        {
            sequence = await Log.Append(entry);
        }
        catch
        {
            // Maybe logged, maybe not: the next activation appends it again (a repeat changes nothing anywhere).
            DeactivateOnIdle();
            throw;
        }

        _outboxLogged = true;
        metrics.RecordWrite(_key.Region, _key.Keyspace);
        NotifyWaiters();
        var result = new WriteResult(WriteStatus.Applied, version, _key.Region, _shard, sequence, seen);

        // Durable in the leader's log: that is all Async waits for; the leader's writer waits for the rest.
        return epoch is null ? result : result with
        {
            Leader = new LeaderAnswer(new WriteReach(epoch, sequence, AckStatus.Acknowledged, 0, [], [], []), _shard, policy.Acks ?? AckRequirement.Async),
        };
    }
}
