using System.Collections.Immutable;
using GeoStore.Abstractions.Errors;
using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Abstractions.Options;
using GeoStore.Core.Chain;
using GeoStore.Core.Keyspaces;
using GeoStore.Core.Leadership;
using GeoStore.Grains.Conflicts;
using GeoStore.Grains.Placement;
using Microsoft.Extensions.Options;

namespace GeoStore.Grains.Keyspaces;

/// <summary>Holds every keyspace definition. A fresh catalog has <c>default</c>: MultiLeader, Lww, all regions, AllToAll.</summary>
[RegionPlacement]
public sealed class KeyspaceCatalogGrain(
    [PersistentState("catalog", GeoStoreStorage.ControlPlane)] IPersistentState<CatalogState> state,
    ConflictResolvers resolvers,
    IOptions<GeoStoreOptions> options) : Grain, IKeyspaceCatalogGrain
{
    public const string DefaultKeyspace = "default";

    private readonly IReadOnlyList<string> _regions = options.Value.RegionList;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Snapshot.Keyspaces.IsDefaultOrEmpty)
        {
            var policy = new KeyspacePolicy(ReplicationMode.MultiLeader, [.. _regions]);
            state.State.Snapshot = new KeyspaceCatalogSnapshot(1, [new KeyspaceDefinition(DefaultKeyspace, policy, 1)], Guid.NewGuid());
            await state.WriteStateAsync(cancellationToken);
        }
    }

    public Task<KeyspaceCatalogSnapshot> GetSnapshot() => Task.FromResult(state.State.Snapshot);

    public Task<ControlPlaneVersion> GetVersion() => Task.FromResult(state.State.Snapshot.Version);

    public async Task<KeyspaceDefinition> Put(string name, KeyspacePolicy policy)
    {
        if (KeyspaceValidator.ValidateName(name) is { } nameProblem)
        {
            throw new InvalidKeyspaceException(name, ImmutableDictionary<string, string[]>.Empty.Add("name", [nameProblem]));
        }

        var snapshot = state.State.Snapshot;
        var existing = snapshot.Find(name);
        var errors = new Dictionary<string, string[]>(KeyspaceValidator.ValidatePolicy(policy, [.. _regions]));
        if (policy.CustomResolver is { } resolver && !errors.ContainsKey("customResolver") && !resolvers.Contains(resolver))
        {
            errors["customResolver"] = [$"No resolver named '{resolver}' is registered in the silos; registered: {string.Join(", ", resolvers.Names.Order(StringComparer.Ordinal))}."];
        }

        if (existing is not null
            && (existing.Policy.Resolver != policy.Resolver
                || existing.Policy.Crdt != policy.Crdt
                || !string.Equals(existing.Policy.CustomResolver, policy.CustomResolver, StringComparison.Ordinal)))
        {
            // Replicas hold state shaped by the resolver (one version, siblings, a CRDT), and while a
            // change propagated regions would settle one conflict two ways and never converge.
            errors["resolver"] = [$"Keyspace '{name}' resolves with {Describe(existing.Policy)}; a keyspace's resolver (and its CRDT type or custom rule) is fixed when it is created."];
        }

        if (existing is not null && existing.Policy.Mode != policy.Mode)
        {
            // Replicas of one mode hold and ship state the other mode would not look for (logs, hints, epochs).
            errors["mode"] = [$"Keyspace '{name}' is {existing.Policy.Mode}; a keyspace's mode is fixed when it is created."];
        }

        if (existing is not null && existing.Policy.Mode == ReplicationMode.Leaderless && policy.Mode == ReplicationMode.Leaderless)
        {
            foreach (var (field, problem) in LeaderlessChangeProblems(name, existing.Policy, policy))
            {
                errors[field] = [problem];
            }
        }

        if (existing is not null && existing.Policy.Mode == policy.Mode && policy.Mode is ReplicationMode.SingleLeader or ReplicationMode.Chain)
        {
            foreach (var (field, problem) in OneWriterChangeProblems(existing, policy))
            {
                errors[field] = [problem];
            }
        }

        if (errors.Count > 0)
        {
            throw new InvalidKeyspaceException(name, errors.ToImmutableDictionary());
        }

        if (existing is not null && existing.Policy.Equals(policy))
        {
            return existing;
        }

        var epoch = existing?.Epoch ?? (policy.Mode == ReplicationMode.SingleLeader ? LeaderEpoch.First(policy.Leader!) : null);
        var chain = existing?.Chain ?? (policy.Mode == ReplicationMode.Chain ? ChainMembership.Initial(policy.Regions) : null);
        return await Store(existing, new KeyspaceDefinition(name, policy, 0, epoch, existing?.Fork, existing?.Unfenced ?? false) with { Chain = chain, Forks = existing?.Forks });
    }

    public Task<ChainMembership?> GetChain(string name) => Task.FromResult(state.State.Snapshot.Find(name)?.Chain);

    public async Task<ChainMembership> ReconfigureChain(string name, long expectedVersion, ChainConfiguration next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var existing = state.State.Snapshot.Find(name) ?? throw new KeyspaceNotFoundException(name);
        if (existing.Chain is not { } current)
        {
            throw new InvalidKeyspaceException(name, ImmutableDictionary<string, string[]>.Empty.Add("mode", [$"Keyspace '{name}' is {existing.Policy.Mode}; only a Chain keyspace has a chain to reconfigure."]));
        }

        if (current.Version != expectedVersion)
        {
            // Another reconfiguration got here first: the caller goes on with the chain that won.
            return current;
        }

        var followed = current.Follow(next);
        var problem = followed is null
            ? $"The chain of '{name}' is {current}; a reconfiguration removes one member or appends one region, as version {current.Version + 1}; got {next}."
            : followed.Configuration.Members.FirstOrDefault(m => !existing.Policy.IsReplicaIn(m)) is { } stranger
                ? $"Region '{stranger}' is not one of the regions of '{name}': {string.Join(", ", existing.Policy.Regions)}."
                : null;
        if (problem is not null)
        {
            throw new InvalidKeyspaceException(name, ImmutableDictionary<string, string[]>.Empty.Add("chain", [problem]));
        }

        await Store(existing, existing with { Chain = followed });
        return followed!;
    }

    public async Task<KeyspaceDefinition> Promote(string name, LeaderEpoch expected, string newLeader, EpochFork fork, bool fenced)
    {
        var existing = state.State.Snapshot.Find(name) ?? throw new KeyspaceNotFoundException(name);
        if (existing.Policy.Mode != ReplicationMode.SingleLeader || existing.Epoch is not { } current)
        {
            throw new InvalidKeyspaceException(name, ImmutableDictionary<string, string[]>.Empty.Add("mode", [$"Keyspace '{name}' is {existing.Policy.Mode}; only a SingleLeader keyspace has a leader to fail over."]));
        }

        if (!current.Equals(expected))
        {
            // Another failover got here first: this one chose its target against a leader that is gone.
            throw new FailoverConflictException(name, expected, current);
        }

        if (!existing.Policy.IsReplicaIn(newLeader) || string.Equals(newLeader, current.Leader, StringComparison.Ordinal))
        {
            throw new InvalidKeyspaceException(name, ImmutableDictionary<string, string[]>.Empty.Add("target", [$"The new leader is one of the followers of '{name}': {string.Join(", ", existing.Policy.FollowersOf(current.Leader))}; got '{newLeader}'."]));
        }

        // Fenced: a new number, durable here before the new leader hears of it. Unfenced (the unsafe
        // demonstration): the same number under another leader, so nothing tells the two apart.
        var epoch = fenced ? current.Next(newLeader) : new LeaderEpoch(current.Number, newLeader);
        var policy = existing.Policy with { Leader = newLeader };
        return await Store(existing, existing with
        {
            Policy = policy,
            Epoch = epoch,
            Fork = fork,
            Forks = (existing.Forks ?? []).RemoveAll(f => f.From.Equals(fork.From)).Add(fork),
            Unfenced = !fenced,
        });
    }

    private async Task<KeyspaceDefinition> Store(KeyspaceDefinition? existing, KeyspaceDefinition changed)
    {
        var snapshot = state.State.Snapshot;
        var revision = snapshot.Revision + 1;
        var definition = changed with { Revision = revision };
        var keyspaces = existing is null
            ? snapshot.Keyspaces.Add(definition)
            : snapshot.Keyspaces.Replace(existing, definition);
        state.State.Snapshot = snapshot with { Revision = revision, Keyspaces = keyspaces };
        await state.WriteStateAsync();
        return definition;
    }

    /// <summary>
    /// A SingleLeader or Chain keyspace's replica regions are fixed (a new follower or chain member
    /// would need the history the log has compacted away), and a SingleLeader keyspace changes its
    /// leader only through a failover, which raises the epoch.
    /// </summary>
    private static IEnumerable<(string Field, string Problem)> OneWriterChangeProblems(KeyspaceDefinition existing, KeyspacePolicy policy)
    {
        if (!existing.Policy.Regions.SequenceEqual(policy.Regions, StringComparer.Ordinal))
        {
            yield return ("regions", $"Keyspace '{existing.Name}' is {existing.Policy.Mode} over {string.Join(", ", existing.Policy.Regions)}; its regions (and their order) are fixed when it is created.");
        }

        if (existing.Epoch is { } epoch && !string.Equals(policy.Leader, epoch.Leader, StringComparison.Ordinal))
        {
            yield return ("leader", $"Keyspace '{existing.Name}' is led by {epoch.Leader} in epoch {epoch.Number}; a new leader is promoted with POST /v1/admin/keyspaces/{existing.Name}/failover, which raises the epoch.");
        }
    }

    /// <summary>
    /// A Leaderless keyspace's replicas only hold what quorums put there. A replica region added later
    /// would count towards read quorums before it holds anything (acknowledged writes would vanish
    /// from reads), and one removed and added back could bring purged deletes back; a linearizable
    /// keyspace's levels may only rise, or writes made under the old W would miss reads under the new R.
    /// </summary>
    private static IEnumerable<(string Field, string Problem)> LeaderlessChangeProblems(string name, KeyspacePolicy existing, KeyspacePolicy policy)
    {
        if (!existing.Regions.SequenceEqual(policy.Regions, StringComparer.Ordinal))
        {
            yield return ("regions", $"Keyspace '{name}' is Leaderless over {string.Join(", ", existing.Regions)}; its replica regions are fixed when it is created (a new replica would answer reads before it holds the data).");
        }

        if (existing.Linearizable != policy.Linearizable)
        {
            yield return ("linearizable", $"Keyspace '{name}' {(existing.Linearizable ? "is" : "is not")} linearizable; that is fixed when it is created.");
        }
        else if (existing.Quorum is { Linearizable: true } before && policy.Quorum is { } after && (after.W < before.W || after.R < before.R))
        {
            yield return ("w", $"Keyspace '{name}' is linearizable with w = {before.W} and r = {before.R}; they may be raised, not lowered (writes made under the old w must meet reads under the new r).");
        }
    }

    private static string Describe(KeyspacePolicy policy) => policy.Resolver switch
    {
        ConflictResolver.Custom => $"Custom ('{policy.CustomResolver}')",
        ConflictResolver.Crdt => $"Crdt ({policy.Crdt})",
        _ => policy.Resolver.ToString(),
    };
}
