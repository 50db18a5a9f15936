using GeoStore.Core.Keyspaces;
using GeoStore.Core.Replication;
using GeoStore.Core.Resolution;

namespace GeoStore.Grains.Registers;

public sealed partial class RegisterGrain
{
    public async Task<bool> ApplyReplicated(LogEntry entry)
    {
        clock.Observe(entry.Value.Version.Timestamp);
        var policy = await PolicyAsync();
        var outcome = Merge(policy, entry);
        if (!outcome.Changed)
        {
            return false;
        }

        // Relay before apply: once this replica holds the entry it will never pass it on again
        // (a repeat changes nothing), so its next hops must be owed it durably first.
        if (PassesOn(policy, entry))
        {
            await Log.Append(entry with { Sequence = 0 });
        }

        Adopt(outcome);
        await PersistAsync();
        metrics.RecordApplied(_key.Region, entry.Origin);
        NotifyWaiters();
        if (outcome.Loser is { } loser)
        {
            await RecordConflict(policy, loser);
        }

        return true;
    }

    /// <summary>What merging <paramref name="entry"/> under the keyspace's resolver would make of this replica; changes nothing yet.</summary>
    private SingleValueOutcome Merge(KeyspacePolicy policy, LogEntry entry)
    {
        var choice = policy.Resolver == ConflictResolver.Custom && policy.CustomResolver is { } name
            ? resolvers.ChoiceFor(name, _key.Keyspace, _key.Key)
            : SingleValueMerge.LastWriterWins;
        return SingleValueMerge.Merge(new SingleValueState(state.State.Current, Seen), entry.Value, entry.Seen, choice);
    }

    private void Adopt(SingleValueOutcome outcome)
    {
        state.State.Current = outcome.State.Value;
        state.State.Seen = outcome.State.Seen;
    }

    /// <summary>
    /// True when this region forwards <paramref name="entry"/>: along the route it was written
    /// under, or along the keyspace's current route when an operator has changed it since.
    /// </summary>
    private bool PassesOn(KeyspacePolicy policy, LogEntry entry) =>
        (entry.Route?.NextHops(_key.Region, entry.Origin).Count ?? 0) > 0
        || ReplicationRoute.For(policy).NextHops(_key.Region, entry.Origin).Count > 0;

    private async Task RecordConflict(KeyspacePolicy policy, Core.Versioning.VersionedValue loser)
    {
        var resolver = policy.Resolver == ConflictResolver.Custom ? policy.CustomResolver ?? "custom" : "lww";
        var record = new ConflictRecord(
            _key.Keyspace, _key.Key, _key.Region, resolver, ConflictKind.Discarded, state.State.Current?.Version, [loser], time.GetUtcNow().ToUnixTimeMilliseconds());
        metrics.RecordConflict(_key.Region, _key.Keyspace, resolver, ConflictKind.Discarded);
        await GrainFactory.GetGrain<Abstractions.Grains.IConflictLogGrain>(Replication.ReplicationKeys.LogShard(_key.Region, _shard)).Record(record);
    }
}
