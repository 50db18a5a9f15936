using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Core.Keyspaces;

namespace GeoStore.Abstractions.Catalog;

/// <summary>
/// A process-wide copy of the keyspace catalog. Refreshed in the background by polling the
/// catalog's revision, and on a miss (at most once per <see cref="MissRefreshInterval"/>), so a
/// keyspace created a moment ago is found and a flood of unknown names cannot flood the catalog.
/// </summary>
public sealed class KeyspaceCache(IGrainFactory grains, ControlPlane controlPlane, TimeProvider time)
{
    public static readonly TimeSpan MissRefreshInterval = TimeSpan.FromMilliseconds(200);

    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private KeyspaceCatalogSnapshot _snapshot = KeyspaceCatalogSnapshot.Empty;
    private long _lastMissRefresh = long.MinValue;

    public KeyspaceCatalogSnapshot Snapshot => Volatile.Read(ref _snapshot);

    public async ValueTask<KeyspaceDefinition?> FindAsync(string name, CancellationToken cancellationToken = default)
    {
        var found = Snapshot.Find(name);
        if (found is not null)
        {
            return found;
        }

        var now = time.GetTimestamp();
        var last = Interlocked.Read(ref _lastMissRefresh);
        if (last != long.MinValue && time.GetElapsedTime(last, now) < MissRefreshInterval)
        {
            return null;
        }

        Interlocked.Exchange(ref _lastMissRefresh, now);
        await RefreshAsync(cancellationToken);
        return Snapshot.Find(name);
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
