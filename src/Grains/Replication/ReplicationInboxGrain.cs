using GeoStore.Abstractions.Grains;
using GeoStore.Core.Replication;
using GeoStore.Core.Versioning;
using GeoStore.Grains.Placement;
using GeoStore.Grains.Registers;

namespace GeoStore.Grains.Replication;

/// <summary>
/// Applies batches from one origin shard to this region's registers, exactly once and in order
/// per key (keys in parallel), then records how far it got. Only then is the batch acknowledged,
/// so a crash midway makes the origin resend, and applying again changes nothing.
/// </summary>
[RegionPlacement]
public sealed class ReplicationInboxGrain(
    [PersistentState("inbox", GeoStoreStorage.Log)] IPersistentState<InboxState> state) : Grain, IReplicationInboxGrain
{
    private string _region = string.Empty;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _region = ReplicationKeys.ParseInbox(this.GetPrimaryKeyString()).To;
        return Task.CompletedTask;
    }

    public async Task<long> Apply(ReplicationBatch batch)
    {
        var plan = InboundCursor.Plan(state.State.Position, batch);
        if (plan.Gap || plan.Position == state.State.Position)
        {
            return state.State.Position.Incarnation == batch.Incarnation ? state.State.Position.AppliedThrough : 0;
        }

        await Task.WhenAll(plan.ToApply
            .GroupBy(e => (e.Keyspace, e.Key))
            .Select(async perKey =>
            {
                var register = GrainFactory.GetGrain<IRegisterGrain>(RegisterKey.Format(_region, perKey.Key.Keyspace, perKey.Key.Key));
                foreach (var entry in perKey)
                {
                    await register.ApplyReplicated(entry);
                }
            }));

        state.State.Position = plan.Position;
        state.State.Newest = plan.ToApply.Aggregate(state.State.Newest ?? TimestampVector.Empty, (newest, e) => newest.With(e.Value.Version));
        await state.WriteStateAsync();
        return plan.Position.AppliedThrough;
    }

    public Task<long> GetAppliedThrough() => Task.FromResult(state.State.Position.AppliedThrough);

    public Task<TimestampVector> GetNewestApplied() => Task.FromResult(state.State.Newest ?? TimestampVector.Empty);
}
