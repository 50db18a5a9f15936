using System.Collections.Immutable;
using GeoStore.Abstractions.Messages;

namespace GeoStore.Grains.Quorum;

/// <summary>
/// The bookkeeping of one quorum write's fan-out: who stored it, who holds a hint for it, who
/// failed, and when the outcome is decided (enough stored, or nobody left to answer). Replies keep
/// arriving after the answer went out, so it is thread-safe.
/// </summary>
internal sealed class ReplicationRound(IReadOnlyCollection<string> holders, bool sloppy, int required)
{
    private readonly Lock _gate = new();
    private readonly List<string> _acked = [.. holders];
    private readonly List<string> _hinted = [];
    private readonly List<string> _failed = [];
    private readonly TaskCompletionSource _decided = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _outstanding;

    /// <summary>Completes when the write is known to have met its quorum or known not to.</summary>
    public Task Decided => _decided.Task;

    public void Expect(int replies)
    {
        lock (_gate)
        {
            _outstanding = replies;
            CheckDecided();
        }
    }

    public void Acked(string replica) => Answer(_acked, replica);

    public void Hinted(string replica) => Answer(_hinted, replica);

    public void Failed(string replica) => Answer(_failed, replica);

    public QuorumAnswer Snapshot(int requiredCount)
    {
        lock (_gate)
        {
            return new QuorumAnswer(requiredCount, [.. _acked], [.. _hinted], [.. _failed], ImmutableArray<string>.Empty);
        }
    }

    private void Answer(List<string> list, string replica)
    {
        lock (_gate)
        {
            list.Add(replica);
            _outstanding--;
            CheckDecided();
        }
    }

    private void CheckDecided()
    {
        if (_acked.Count + (sloppy ? _hinted.Count : 0) >= required || _outstanding <= 0)
        {
            _decided.TrySetResult();
        }
    }
}
