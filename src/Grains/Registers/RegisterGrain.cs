using GeoStore.Abstractions.Catalog;
using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Options;
using GeoStore.Core.Clocks;
using GeoStore.Core.Keyspaces;
using GeoStore.Core.Replication;
using GeoStore.Core.Versioning;
using GeoStore.Grains.Conflicts;
using GeoStore.Grains.Observability;
using GeoStore.Grains.Placement;
using GeoStore.Grains.Replication;
using Microsoft.Extensions.Options;

namespace GeoStore.Grains.Registers;

/// <summary>
/// One region's replica of one key. Writes and merges are serialized here, so each key's versions
/// grow strictly in this region and reach the log in version order. Local writes are in
/// <c>RegisterGrain.Write.cs</c>, merges of replicated entries in <c>RegisterGrain.Replicate.cs</c>,
/// reads and session waits in <c>RegisterGrain.Read.cs</c>.
/// </summary>
[RegionPlacement, GrainType(RegisterKey.GrainType)]
public sealed partial class RegisterGrain(
    [PersistentState(RegisterState.StateName, GeoStoreStorage.Registers)] IPersistentState<RegisterState> state,
    HybridClock clock,
    KeyspaceCache keyspaces,
    ConflictResolvers resolvers,
    GeoStoreMetrics metrics,
    IOptions<GeoStoreOptions> options,
    TimeProvider time) : Grain, IRegisterGrain
{
    private RegisterKey _key;
    private int _shard;
    private bool _outboxLogged;
    private TimestampVector _durableSeen = TimestampVector.Empty;

    private TimestampVector Seen => state.State.Seen ?? TimestampVector.Empty;

    private ILogShardGrain Log => GrainFactory.GetGrain<ILogShardGrain>(ReplicationKeys.LogShard(_key.Region, _shard));

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = RegisterKey.Parse(this.GetPrimaryKeyString());
        _shard = _key.Shard(options.Value.LogShards);

        // A relayed entry can reach the log and then miss the register (a crash or a failed state
        // write in between); the log still holds it until every peer has it, so merge it.
        // Leaderless replicas never log: what they missed comes back by read repair, hints and anti-entropy.
        var policy = await PolicyAsync();
        var logged = policy.Mode == ReplicationMode.Leaderless ? null : await Log.LatestFor(_key.Keyspace, _key.Key);
        if (logged is not null && !Seen.Covers(logged.Value.Version) && Merge(policy, logged) is { } outcome)
        {
            (state.State.Current, state.State.Seen, state.State.Merged) = (outcome.Current, outcome.Seen, outcome.Merged);
            await state.WriteStateAsync(cancellationToken);
        }

        // A local write stored with the state may have missed the log: append it (again, maybe; a
        // repeat changes nothing), then empty the outbox.
        if (state.State.Outbox is { } pending)
        {
            if (logged is null || logged.Value.Version != pending.Value.Version)
            {
                await Log.Append(pending);
            }

            state.State.Outbox = null;
            await state.WriteStateAsync(cancellationToken);
        }

        _durableSeen = Seen;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // The outbox's entry is in the log: empty it, so the next activation does not append it again.
        if (_outboxLogged && state.State.Outbox is not null)
        {
            state.State.Outbox = null;
            try
            {
                await state.WriteStateAsync(cancellationToken);
            }
            catch (Exception)
            {
                // Harmless: the next activation appends the entry once more.
            }
        }
    }

    private async ValueTask<KeyspacePolicy> PolicyAsync()
    {
        var definition = keyspaces.Snapshot.Find(_key.Keyspace) ?? await keyspaces.FindAsync(_key.Keyspace);

        // A keyspace dropped while its entries were in flight still merges them, last writer winning.
        return definition?.Policy ?? new KeyspacePolicy(ReplicationMode.MultiLeader, [_key.Region]);
    }

    /// <summary>
    /// Stores the in-memory state. If the store refuses, this activation's memory is ahead of the
    /// store, so it goes away and the next one starts from the store and the log.
    /// </summary>
    private async Task PersistAsync()
    {
        try
        {
            await state.WriteStateAsync();
            _durableSeen = Seen;
        }
        catch
        {
            // Memory is ahead of the store now: never store it on the way out either.
            _outboxLogged = false;
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>
    /// A timestamp above every write this replica has seen, so the new write is their causal
    /// successor, and above <paramref name="above"/> when given.
    /// </summary>
    private HybridTimestamp NextTimestamp(HybridTimestamp? above = null)
    {
        var newest = Seen.Entries.Values.DefaultIfEmpty(HybridTimestamp.Zero).Max();
        if (above is { } floor && floor > newest)
        {
            newest = floor;
        }

        return newest == HybridTimestamp.Zero ? clock.Now() : clock.Observe(newest);
    }
}
