using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Core.Keyspaces;

namespace GeoStore.Abstractions.Catalog;

/// <summary>
/// A process-wide copy of the keyspace catalog. Refreshed in the background by polling the
/// catalog's revision, and on a miss: at most one refresh per <see cref="MissRefreshInterval"/>,
/// shared by every miss in that window, so a keyspace created a moment ago is found (a miss waits
/// at most that long for the next refresh) and a flood of unknown names cannot flood the catalog.
/// </summary>
public sealed class KeyspaceCache(IGrainFactory grains, ControlPlane controlPlane, TimeProvider time)
{
    public static readonly TimeSpan MissRefreshInterval = TimeSpan.FromMilliseconds(200);

    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private readonly Lock _missLock = new();
    private KeyspaceCatalogSnapshot _snapshot = KeyspaceCatalogSnapshot.Empty;
    private long _lastMissRefresh = long.MinValue;
    private Task? _nextMissRefresh;

    public KeyspaceCatalogSnapshot Snapshot => Volatile.Read(ref _snapshot);

    public async ValueTask<KeyspaceDefinition?> FindAsync(string name, CancellationToken cancellationToken = default)
    {
        var found = Snapshot.Find(name);
        if (found is not null)
        {
            return found;
        }

        await MissRefresh().WaitAsync(cancellationToken);
        return Snapshot.Find(name);
    }

    /// <summary>The refresh a miss waits for: now if none ran in the last interval, else one shared refresh when the interval is up.</summary>
    private Task MissRefresh()
    {
        lock (_missLock)
        {
            if (_nextMissRefresh is { IsCompleted: false } pending)
            {
                return pending;
            }

            var now = time.GetTimestamp();
            var wait = _lastMissRefresh == long.MinValue ? TimeSpan.Zero : MissRefreshInterval - time.GetElapsedTime(_lastMissRefresh, now);
            return _nextMissRefresh = RefreshAfter(wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
        }
    }

    private async Task RefreshAfter(TimeSpan wait)
    {
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time);
        }

        Interlocked.Exchange(ref _lastMissRefresh, time.GetTimestamp());
        await RefreshAsync();
    }

    /// <summary>Fetches the catalog when its version (epoch and revision) differs from the one held.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _refreshGate.WaitAsync(cancellationToken);
        try
        {
            var catalog = grains.GetGrain<IKeyspaceCatalogGrain>(controlPlane.Key);
            var version = await catalog.GetVersion().WaitAsync(cancellationToken);
            if (version != Snapshot.Version)
            {
                Volatile.Write(ref _snapshot, await catalog.GetSnapshot().WaitAsync(cancellationToken));
            }
        }
        finally
        {
            _refreshGate.Release();
        }
    }
}
