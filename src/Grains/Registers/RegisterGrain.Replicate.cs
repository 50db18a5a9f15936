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

        (state.State.Current, state.State.Seen, state.State.Merged) = (outcome.Current, outcome.Seen, outcome.Merged);
        await PersistAsync();
        metrics.RecordApplied(_key.Region, entry.Origin);
        NotifyWaiters();
        if (outcome.Conflict is { } conflict)
        {
            metrics.RecordConflict(_key.Region, _key.Keyspace, conflict.Resolver, conflict.Kind);
            await GrainFactory.GetGrain<Abstractions.Grains.IConflictLogGrain>(Replication.ReplicationKeys.LogShard(_key.Region, _shard)).Record(conflict);
        }

        return true;
    }

    /// <summary>
    /// What merging <paramref name="entry"/> under the keyspace's resolver would make of this
    /// replica, and the conflict it settled if any; null when it changes nothing. Changes nothing yet.
    /// </summary>
    private MergeOutcome? Merge(KeyspacePolicy policy, LogEntry entry)
    {
        var seen = Seen.Join(entry.Seen).With(entry.Value.Version);
        var concurrent = !Seen.Covers(entry.Value.Version) && !(entry.Seen ?? TimestampVector.Empty).Dominates(Seen);
        switch (policy.Resolver)
        {
            case ConflictResolver.MultiValue when entry.State?.Siblings is { } incoming:
                {
                    var current = state.State.Merged?.Siblings ?? SiblingSet.Empty;
                    var merge = SiblingSet.MergeWithReport(current, incoming);
                    if (merge.Result.Equals(current) && seen.Equals(Seen))
                    {
                        return null;
                    }

                    var conflict = merge.IsConflict
                        ? Record("multi-value", ConflictKind.Siblings, null, [.. merge.Result.Siblings.Select(s => s.Value)])
                        : null;
                    return new(merge.Result.Newest, seen, new ReplicatedState(Siblings: merge.Result), conflict);
                }

            case ConflictResolver.Crdt when entry.State?.Crdt is { } incoming:
                {
                    var current = state.State.Merged?.Crdt;
                    var merged = current is null ? incoming : CrdtValue.Merge(current, incoming);
                    if (merged.Equals(current) && seen.Equals(Seen))
                    {
                        return null;
                    }

                    var conflict = concurrent && current is not null ? Record($"crdt-{merged.Type}".ToLowerInvariant(), ConflictKind.Merged, entry.Value.Version, []) : null;
                    return new(null, seen, new ReplicatedState(Crdt: merged), conflict);
                }

            default:
                {
                    var custom = policy.Resolver == ConflictResolver.Custom && policy.CustomResolver is { } name;
                    var choice = custom ? resolvers.ChoiceFor(policy.CustomResolver!, _key.Keyspace, _key.Key) : SingleValueMerge.LastWriterWins;
                    var outcome = SingleValueMerge.Merge(new SingleValueState(state.State.Current, Seen), entry.Value, entry.Seen, choice);
                    if (!outcome.Changed)
                    {
                        return null;
                    }

                    var conflict = outcome.Loser is { } loser
                        ? Record(custom ? policy.CustomResolver! : "lww", ConflictKind.Discarded, outcome.State.Value?.Version, [loser])
                        : null;
                    return new(outcome.State.Value, outcome.State.Seen, state.State.Merged, conflict);
                }
        }
    }

    private ConflictRecord Record(string resolver, ConflictKind kind, WriteVersion? winner, VersionedValue[] losers) =>
        new(_key.Keyspace, _key.Key, _key.Region, resolver, kind, winner, [.. losers], time.GetUtcNow().ToUnixTimeMilliseconds());

    /// <summary>
    /// True when this region forwards <paramref name="entry"/>: along the route it was written
    /// under, or along the keyspace's current route when an operator has changed it since.
    /// </summary>
    private bool PassesOn(KeyspacePolicy policy, LogEntry entry) =>
        (entry.Route?.NextHops(_key.Region, entry.Origin).Count ?? 0) > 0
        || ReplicationRoute.For(policy).NextHops(_key.Region, entry.Origin).Count > 0;

    private sealed record MergeOutcome(VersionedValue? Current, TimestampVector Seen, ReplicatedState? Merged, ConflictRecord? Conflict);
}
