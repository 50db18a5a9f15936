using GeoStore.Abstractions.Messages;
using GeoStore.Core.Versioning;

namespace GeoStore.Grains.Registers;

public sealed partial class RegisterGrain
{
    private readonly List<(WriteVersion Version, TaskCompletionSource Seen)> _waiters = [];

    public Task<ReplicaRead> Read() => Task.FromResult(new ReplicaRead(state.State.Current, Seen, state.State.Merged));

    public async Task<bool> AwaitSeen(WriteVersion version, TimeSpan timeout)
    {
        if (Seen.Covers(version))
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
            return Seen.Covers(version);
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
            if (Seen.Covers(version))
            {
                seen.TrySetResult();
            }
        }
    }
}
