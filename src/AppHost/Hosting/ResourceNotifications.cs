using GeoStore.AppHost.Model;

namespace GeoStore.AppHost.Hosting;

/// <summary>
/// The current snapshot of every resource and a way to watch them change, like Aspire's
/// <c>ResourceNotificationService</c>. Changes are published one at a time, in order.
/// </summary>
public sealed class ResourceNotifications
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ResourceSnapshot> _snapshots = new(StringComparer.Ordinal);

    /// <summary>Raised after a resource's snapshot changed, under a lock: handlers must be quick and must not publish.</summary>
    public event Action<Resource, ResourceSnapshot>? Changed;

    public ResourceSnapshot Get(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        lock (_gate)
        {
            return _snapshots.GetValueOrDefault(resource.Name, ResourceSnapshot.Initial);
        }
    }

    /// <summary>Applies <paramref name="change"/> to the resource's snapshot and publishes the result.</summary>
    /// <returns>The new snapshot.</returns>
    public ResourceSnapshot Publish(Resource resource, Func<ResourceSnapshot, ResourceSnapshot> change)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            var current = _snapshots.GetValueOrDefault(resource.Name, ResourceSnapshot.Initial);
            var next = change(current);
            if (next == current)
            {
                return current;
            }

            _snapshots[resource.Name] = next;
            Changed?.Invoke(resource, next);
            return next;
        }
    }

    /// <summary>Waits until the resource's snapshot satisfies <paramref name="predicate"/>.</summary>
    public async Task<ResourceSnapshot> WaitForAsync(Resource resource, Func<ResourceSnapshot, bool> predicate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(predicate);
        var reached = new TaskCompletionSource<ResourceSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(Resource changed, ResourceSnapshot snapshot)
        {
            if (ReferenceEquals(changed, resource) && predicate(snapshot))
            {
                reached.TrySetResult(snapshot);
            }
        }

        Changed += OnChanged;
        try
        {
            var current = Get(resource);
            if (predicate(current))
            {
                return current;
            }

            return await reached.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            Changed -= OnChanged;
        }
    }
}
