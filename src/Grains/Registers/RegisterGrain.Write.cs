using GeoStore.Abstractions.Messages;
using GeoStore.Core.Causality;
using GeoStore.Core.Crdts;
using GeoStore.Core.Keyspaces;
using GeoStore.Core.Replication;
using GeoStore.Core.Versioning;

namespace GeoStore.Grains.Registers;

public sealed partial class RegisterGrain
{
    public async Task<WriteResult> Write(WriteCommand command)
    {
        var current = state.State.Current;
        if (!WriteConditions.Holds(command.Condition, current))
        {
            return new WriteResult(WriteStatus.PreconditionFailed, current?.Version, _key.Region, _shard, 0);
        }

        var policy = await PolicyAsync();
        var version = new WriteVersion(NextTimestamp(), _key.Region);
        var value = new VersionedValue(version, command.Value, command.Value is null ? null : command.ContentType);
        ReplicatedState? merged = null;
        if (policy.Resolver == ConflictResolver.MultiValue)
        {
            // A blind write adds a sibling; one carrying the context it read replaces what that context saw.
            var siblings = state.State.Merged?.Siblings ?? SiblingSet.Empty;
            var seenByClient = command.Context ?? VersionVector.Empty;
            var cap = SiblingSet.CheckCap(siblings, seenByClient, policy.MaxSiblings);
            if (!cap.Allowed)
            {
                return new WriteResult(WriteStatus.TooManySiblings, current?.Version, _key.Region, _shard, 0, Problem: cap.Error);
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

        return await Commit(policy, version, value, merged);
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

    /// <summary>Logs the write (write-ahead), then applies it and answers.</summary>
    private async Task<WriteResult> Commit(KeyspacePolicy policy, WriteVersion version, VersionedValue value, ReplicatedState? merged)
    {
        var seen = Seen.With(version);
        var entry = new LogEntry(0, _key.Region, _key.Keyspace, _key.Key, value, Route: ReplicationRoute.For(policy), Seen: seen, State: merged);
        var sequence = await Log.Append(entry);

        state.State.Current = merged?.Crdt is null ? value : null;
        state.State.Seen = seen;
        state.State.Merged = merged;
        await PersistAsync();
        metrics.RecordWrite(_key.Region, _key.Keyspace);
        NotifyWaiters();
        return new WriteResult(WriteStatus.Applied, version, _key.Region, _shard, sequence, seen);
    }
}
