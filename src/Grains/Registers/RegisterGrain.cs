using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Abstractions.Options;
using GeoStore.Core.Clocks;
using GeoStore.Core.Versioning;
using GeoStore.Grains.Observability;
using GeoStore.Grains.Placement;
using GeoStore.Grains.Replication;
using Microsoft.Extensions.Options;

namespace GeoStore.Grains.Registers;

/// <summary>
/// One region's replica of one key. Writes are serialized here, so each key's versions grow
/// strictly in this region and reach the log in version order.
/// </summary>
[RegionPlacement]
public sealed class RegisterGrain(
    [PersistentState("register", GeoStoreStorage.Registers)] IPersistentState<RegisterState> state,
    HybridClock clock,
    GeoStoreMetrics metrics,
    IOptions<GeoStoreOptions> options) : Grain, IRegisterGrain
{
    private RegisterKey _key;
    private int _shard;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = RegisterKey.Parse(this.GetPrimaryKeyString());
        _shard = _key.Shard(options.Value.LogShards);

        // Write-ahead recovery: a write can reach the log and then miss the register (a crash or a
        // failed state write in between). The log still holds it until every peer has it; take it.
        var logged = await Log.LatestFor(_key.Keyspace, _key.Key);
        if (logged is not null && LastWriterWins.Supersedes(logged, state.State.Current))
        {
            clock.Observe(logged.Version.Timestamp);
            state.State.Current = logged;
            await state.WriteStateAsync(cancellationToken);
        }
    }

    private ILogShardGrain Log => GrainFactory.GetGrain<ILogShardGrain>(ReplicationKeys.LogShard(_key.Region, _shard));

    public async Task<WriteResult> Write(WriteCommand command)
    {
        var current = state.State.Current;
        if (!WriteConditions.Holds(command.Condition, current))
        {
            return new WriteResult(WriteStatus.PreconditionFailed, current?.Version, _key.Region, _shard, 0);
        }

        // Observing the current version makes the new one its causal successor, even if this
        // region's wall clock is behind the region that wrote the current value.
        var timestamp = current is null ? clock.Now() : clock.Observe(current.Version.Timestamp);
        var value = new VersionedValue(new WriteVersion(timestamp, _key.Region), command.Value, command.Value is null ? null : command.ContentType);

        // Write-ahead: the log holds the entry before the register changes or anyone is told.
        var sequence = await Log.Append(_key.Keyspace, _key.Key, value);

        state.State.Current = value;
        await state.WriteStateAsync();
        metrics.RecordWrite(_key.Region, _key.Keyspace);
        return new WriteResult(WriteStatus.Applied, value.Version, _key.Region, _shard, sequence);
    }

    public Task<VersionedValue?> Read() => Task.FromResult(state.State.Current);

    public async Task<bool> ApplyReplicated(VersionedValue value)
    {
        clock.Observe(value.Version.Timestamp);
        if (!LastWriterWins.Supersedes(value, state.State.Current))
        {
            return false;
        }

        state.State.Current = value;
        await state.WriteStateAsync();
        metrics.RecordApplied(_key.Region, value.Version.Region);
        return true;
    }
}
