using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Core.Resolution;
using GeoStore.Grains.Placement;
using Orleans.Concurrency;

namespace GeoStore.Grains.Conflicts;

/// <summary>
/// One shard of a region's conflict log. Records that arrive while a state write is in flight are
/// stored together by the next one (group commit), so a burst of conflicts costs a few writes.
/// The shard keeps the newest <see cref="Capacity"/> records and counts the ones it dropped. A
/// resolution recorded again (its merge was retried after a failure) is stored once.
/// </summary>
[RegionPlacement, Reentrant]
public sealed class ConflictLogGrain(
    [PersistentState("conflicts", GeoStoreStorage.Log)] IPersistentState<ConflictLogState> state) : Grain, IConflictLogGrain
{
    public const int Capacity = 2000;

    private List<(ConflictRecord Record, TaskCompletionSource Stored)> _queue = [];
    private bool _flushing;
    private ConflictLogState _stored = new();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _stored = new ConflictLogState { Records = state.State.Records, Dropped = state.State.Dropped };
        return Task.CompletedTask;
    }

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
        var records = _stored.Records
            .Where(r => r.AtMs >= query.SinceMs && (query.Keyspace is null || string.Equals(r.Keyspace, query.Keyspace, StringComparison.Ordinal)))
            .Take(query.Limit);
        return Task.FromResult(new ConflictPage([.. records], _stored.Dropped));
    }

    /// <summary>What makes two records the same resolution: the key, how, the survivor and the losers.</summary>
    private static string Signature(ConflictRecord record) =>
        string.Join('\n', record.Keyspace, record.Key, record.Kind, record.Resolver, record.Winner?.ToString() ?? "-",
            string.Join(',', record.Losers.Select(l => l.Version.ToString()).Order(StringComparer.Ordinal)));

    private async Task Flush()
    {
        try
        {
            while (_queue.Count > 0)
            {
                var group = _queue;
                _queue = [];

                // Build the next state aside and swap it in only once stored: a reader never sees a
                // record that was not stored, and a failed write leaves the state as the store has it.
                var (records, dropped) = (state.State.Records, state.State.Dropped);
                var next = new List<ConflictRecord>(records.Count + group.Count);
                next.AddRange(records);
                var known = records.Select(Signature).ToHashSet(StringComparer.Ordinal);
                next.AddRange(group.Select(g => g.Record).Where(r => known.Add(Signature(r))));
                var excess = Math.Max(0, next.Count - Capacity);
                next.RemoveRange(0, excess);
                state.State.Records = next;
                state.State.Dropped = dropped + excess;
                try
                {
                    await state.WriteStateAsync();
                    _stored = new ConflictLogState { Records = next, Dropped = dropped + excess };
                    group.ForEach(g => g.Stored.TrySetResult());
                }
                catch (Exception ex)
                {
                    (state.State.Records, state.State.Dropped) = (records, dropped);
                    group.ForEach(g => g.Stored.TrySetException(ex));
                }
            }
        }
        finally
        {
            _flushing = false;
        }
    }
}
