using GeoStore.Abstractions.Messages;
using GeoStore.Core.Versioning;

namespace GeoStore.Grains.Registers;

public sealed partial class RegisterGrain
{
    private readonly List<(WriteVersion Version, TaskCompletionSource Seen)> _waiters = [];

    public Task<ReplicaRead> Read() => Task.FromResult(new ReplicaRead(state.State.Current, Seen, state.State.Merged));

    /// <remarks>Checks what is stored, not what is in memory: a write whose state write is under way (or fails) has not been seen yet.</remarks>
    public async Task<bool> AwaitSeen(WriteVersion version, TimeSpan timeout)
    {
        if (_durableSeen.Covers(version))
        {
            return true;
        }

        var waiter = (version, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        _waiters.Add(waiter);
        try
        {
            await waiter.Item2.Task.WaitAsync(timeout, time);
            return true;
        }
        catch (TimeoutException)
        {
            return _durableSeen.Covers(version);
        }
        finally
        {
            _waiters.Remove(waiter);
        }
    }

    private void NotifyWaiters()
    {
        foreach (var (version, seen) in _waiters)
        {
            if (_durableSeen.Covers(version))
            {
                seen.TrySetResult();
            }
        }
    }
}
