using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Core.Resolution;
using GeoStore.Grains.Placement;
using Orleans.Concurrency;

namespace GeoStore.Grains.Conflicts;

/// <summary>
/// One shard of a region's conflict log. Records that arrive while a state write is in flight are
/// stored together by the next one (group commit), so a burst of conflicts costs a few writes.
/// The shard keeps the newest <see cref="Capacity"/> records and counts the ones it dropped.
/// </summary>
[RegionPlacement, Reentrant]
public sealed class ConflictLogGrain(
    [PersistentState("conflicts", GeoStoreStorage.Log)] IPersistentState<ConflictLogState> state) : Grain, IConflictLogGrain
{
    public const int Capacity = 2000;

    private List<(ConflictRecord Record, TaskCompletionSource Stored)> _queue = [];
    private bool _flushing;

    public Task Record(ConflictRecord record)
    {
        var stored = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add((record, stored));
        if (!_flushing)
        {
            _flushing = true;
            _ = Flush();
        }

        return stored.Task;
    }

    public Task<ConflictPage> Read(ConflictQuery query)
    {
        var records = state.State.Records
            .Where(r => r.AtMs >= query.SinceMs && (query.Keyspace is null || string.Equals(r.Keyspace, query.Keyspace, StringComparison.Ordinal)))
            .Take(query.Limit);
        return Task.FromResult(new ConflictPage([.. records], state.State.Dropped));
    }

    private async Task Flush()
    {
        try
        {
            while (_queue.Count > 0)
            {
                var group = _queue;
                _queue = [];
                var records = state.State.Records;
                records.AddRange(group.Select(g => g.Record));
                var excess = records.Count - Capacity;
                if (excess > 0)
                {
                    records.RemoveRange(0, excess);
                    state.State.Dropped += excess;
                }

                try
                {
                    await state.WriteStateAsync();
                    group.ForEach(g => g.Stored.TrySetResult());
                }
                catch (Exception ex)
                {
                    // Not stored: take the store's word for what it holds, and let the callers retry.
                    group.ForEach(g => g.Stored.TrySetException(ex));
                    await state.ReadStateAsync();
                }
            }
        }
        finally
        {
            _flushing = false;
        }
    }
}
