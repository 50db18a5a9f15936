using System.Collections.Immutable;
using GeoStore.Abstractions.Messages;
using GeoStore.Core.Causality;
using GeoStore.Core.Crdts;
using GeoStore.Core.Keyspaces;
using GeoStore.Core.Replication;
using GeoStore.Core.Resolution;
using GeoStore.Core.Versioning;

namespace GeoStore.Grains.Registers;

public sealed partial class RegisterGrain
{
    public async Task<bool> ApplyReplicated(LogEntry entry)
    {
        clock.Observe(entry.Value.Version.Timestamp);
        var policy = await PolicyAsync();
        var outcome = Merge(policy, entry);
        if (outcome is null)
        {
            return false;
        }

        // Relay before apply: once this replica holds the entry it will never pass it on again
        // (a repeat changes nothing), so its next hops must be owed it durably first.
        if (PassesOn(policy, entry))
        {
            await Log.Append(entry with { Sequence = 0 });
        }

        // Record before apply, for the same reason: once applied, a repeat finds nothing to resolve.
        // A failure after this records the conflict twice, never not at all.
        if (outcome.Conflict is { } conflict)
        {
            await GrainFactory.GetGrain<Abstractions.Grains.IConflictLogGrain>(Replication.ReplicationKeys.LogShard(_key.Region, _shard)).Record(conflict);
            metrics.RecordConflict(_key.Region, _key.Keyspace, conflict.Resolver, conflict.Kind);
        }

        (state.State.Current, state.State.Seen, state.State.Merged) = (outcome.Current, outcome.Seen, outcome.Merged);
        state.State.Epoch = outcome.Epoch ?? Math.Max(state.State.Epoch, entry.Epoch?.Number ?? 0);
        await PersistAsync();
        metrics.RecordApplied(_key.Region, entry.Origin);
        NotifyWaiters();
        return true;
    }

    /// <summary>
    /// What merging <paramref name="entry"/> under the keyspace's resolver would make of this
    /// replica, and the conflict it settled if any; null when it changes nothing. Changes nothing yet.
    /// </summary>
    private MergeOutcome? Merge(KeyspacePolicy policy, LogEntry entry)
    {
        var seen = Seen.Join(entry.Seen).With(entry.Value.Version);
        if (policy.Mode == ReplicationMode.SingleLeader && entry.Epoch is { } epoch && epoch.Number != state.State.Epoch)
        {
            // Epochs order SingleLeader writes before clocks do: a deposed leader's write (whose clock
            // may run ahead) never beats the new leader's, and the new leader's always replaces it.
            return epoch.Number < state.State.Epoch ? null : new(entry.Value, seen, state.State.Merged, null, epoch.Number);
        }

        return (policy.Resolver, entry.State) switch
        {
            (ConflictResolver.MultiValue, { Siblings: { } incoming }) => MergeSiblings(incoming, seen),
            (ConflictResolver.Custom, { Siblings: { } incoming }) when policy.CustomResolver is { } name => MergeFrontier(incoming, seen, name),
            (ConflictResolver.Crdt, { Crdt: { } incoming }) => MergeCrdt(incoming, seen, entry),
            _ => MergeLastWriter(entry),
        };
    }

    /// <summary>MultiValue: concurrent writes stay side by side as siblings for the client to merge.</summary>
    private MergeOutcome? MergeSiblings(SiblingSet incoming, TimestampVector seen)
    {
        var current = state.State.Merged?.Siblings ?? SiblingSet.Empty;
        var merge = SiblingSet.MergeWithReport(current, incoming);
        if (merge.Result.Equals(current) && seen.Equals(Seen))
        {
            return null;
        }

        var conflict = merge.IsConflict ? Record("multi-value", ConflictKind.Siblings, null, [.. merge.Result.Siblings.Select(s => s.Value)]) : null;
        return new(merge.Result.Newest, seen, new ReplicatedState(Siblings: merge.Result), conflict);
    }

    /// <summary>Custom: the frontier is kept as siblings, and the resolver's choice among them is served.</summary>
    private MergeOutcome? MergeFrontier(SiblingSet incoming, TimestampVector seen, string resolver)
    {
        var current = state.State.Merged?.Siblings ?? SiblingSet.Empty;
        var merge = SiblingSet.MergeWithReport(current, incoming);
        if (merge.Result.Equals(current) && seen.Equals(Seen))
        {
            return null;
        }

        var survivor = FrontierChoice.Choose(merge.Result, resolvers.ChoiceFor(resolver, _key.Keyspace, _key.Key));
        var conflict = merge.Added.Length > 0 && merge.Result.Siblings.Length > 1
            ? Record(resolver, ConflictKind.Discarded, survivor?.Version, [.. merge.Result.Siblings.Select(s => s.Value).Where(v => !ReferenceEquals(v, survivor))])
            : null;
        return new(survivor, seen, new ReplicatedState(Siblings: merge.Result), conflict);
    }

    /// <summary>Crdt: the states merge; a merge of concurrent updates is recorded, nothing is lost.</summary>
    private MergeOutcome? MergeCrdt(CrdtValue incoming, TimestampVector seen, LogEntry entry)
    {
        var current = state.State.Merged?.Crdt;
        var merged = current is null ? incoming : CrdtValue.Merge(current, incoming);
        if (merged.Equals(current) && seen.Equals(Seen))
        {
            return null;
        }

        var concurrent = current is not null && !Seen.Covers(entry.Value.Version) && !(entry.Seen ?? TimestampVector.Empty).Dominates(Seen);
        var conflict = concurrent ? Record($"crdt-{merged.Type}".ToLowerInvariant(), ConflictKind.Merged, entry.Value.Version, []) : null;
        return new(null, seen, new ReplicatedState(Crdt: merged), conflict);
    }

    /// <summary>Lww: one version survives; a concurrent one it beats is recorded as the loser.</summary>
    private MergeOutcome? MergeLastWriter(LogEntry entry)
    {
        var outcome = SingleValueMerge.Merge(new SingleValueState(state.State.Current, Seen), entry.Value, entry.Seen, SingleValueMerge.LastWriterWins);
        if (!outcome.Changed)
        {
            return null;
        }

        var conflict = outcome.Loser is { } loser ? Record("lww", ConflictKind.Discarded, outcome.State.Value?.Version, [loser]) : null;
        return new(outcome.State.Value, outcome.State.Seen, state.State.Merged, conflict);
    }

    private ConflictRecord Record(string resolver, ConflictKind kind, WriteVersion? winner, VersionedValue[] losers) =>
        new(_key.Keyspace, _key.Key, _key.Region, resolver, kind, winner, [.. losers], time.GetUtcNow().ToUnixTimeMilliseconds());

    /// <summary>
    /// True when this region forwards <paramref name="entry"/>: along the route it was written
    /// under, or along the keyspace's current route when an operator has changed it since.
    /// </summary>
    private bool PassesOn(KeyspacePolicy policy, LogEntry entry) =>
        policy.Mode == ReplicationMode.MultiLeader
        && ((entry.Route?.NextHops(_key.Region, entry.Origin).Count ?? 0) > 0
        || ReplicationRoute.For(policy).NextHops(_key.Region, entry.Origin).Count > 0);

    /// <summary>
    /// A deposed leader's write that the new leader never received: if this replica still serves
    /// one of <paramref name="orphans"/>, it takes the new leader's state for the key instead.
    /// True when it changed.
    /// </summary>
    public async Task<bool> DropOrphan(ImmutableArray<WriteVersion> orphans, ReplicaRead leader, long epoch)
    {
        if (state.State.Current is not { } current || !orphans.Contains(current.Version))
        {
            return false;
        }

        (state.State.Current, state.State.Seen, state.State.Merged) = (leader.Value, Seen.Join(leader.Seen), leader.Merged);
        state.State.Epoch = Math.Max(state.State.Epoch, epoch);
        await PersistAsync();
        NotifyWaiters();
        return true;
    }

    public async Task<AdoptResult> Adopt(ReplicaRead leader, long epoch)
    {
        var current = state.State.Current;
        var covered = current is null || leader.Seen.Covers(current.Version);
        if (!covered && state.State.Epoch >= epoch)
        {
            // Written under the leader's epoch (or a later one) after the leader was read: keep it.
            return new AdoptResult(false);
        }

        if (covered && (leader.Value is null || Seen.Covers(leader.Value.Version)) && leader.Seen.Entries.All(e => Seen.Covers(new WriteVersion(e.Value, e.Key))))
        {
            // The leader has nothing this replica lacks.
            return new AdoptResult(false);
        }

        (state.State.Current, state.State.Seen, state.State.Merged) = (leader.Value, covered ? Seen.Join(leader.Seen) : leader.Seen, leader.Merged);
        state.State.Epoch = Math.Max(state.State.Epoch, epoch);
        await PersistAsync();
        NotifyWaiters();
        return new AdoptResult(true, covered ? null : current);
    }

    private sealed record MergeOutcome(VersionedValue? Current, TimestampVector Seen, ReplicatedState? Merged, ConflictRecord? Conflict, long? Epoch = null);
}
