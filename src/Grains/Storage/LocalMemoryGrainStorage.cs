using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Orleans.Serialization;
using Orleans.Storage;

namespace GeoStore.Grains.Storage;

/// <summary>
/// Grain storage kept in this silo's memory, serialized so a grain never shares objects with its
/// stored copy, with ETag checks like a real store. State lives and dies with the silo: a region's
/// data stays in that region's silos, which is what the in-memory mode promises (and all it does;
/// durable storage is a separate provider).
/// </summary>
public sealed class LocalMemoryGrainStorage(Serializer serializer) : IGrainStorage, IGrainStateScanner
{
    private readonly ConcurrentDictionary<(string State, GrainId Grain), StoredState> _store = new();

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (_store.TryGetValue((stateName, grainId), out var stored))
        {
            grainState.State = serializer.Deserialize<T>(stored.Bytes);
            grainState.ETag = stored.ETag;
            grainState.RecordExists = true;
        }
        else
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
        }

        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = (stateName, grainId);
        var bytes = serializer.SerializeToArray(grainState.State);
        var next = new StoredState(bytes, Guid.NewGuid().ToString("N"));
        if (grainState.ETag is null)
        {
            if (!_store.TryAdd(key, next))
            {
                throw new InconsistentStateException($"State {stateName} of {grainId} exists but the grain expected none.");
            }
        }
        else if (!_store.TryGetValue(key, out var current) || current.ETag != grainState.ETag || !_store.TryUpdate(key, next, current))
        {
            throw new InconsistentStateException($"State {stateName} of {grainId} changed underneath the grain.");
        }

        grainState.ETag = next.ETag;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        _store.TryRemove((stateName, grainId), out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
        return Task.CompletedTask;
    }

    private sealed record StoredState(byte[] Bytes, string ETag);

    public async IAsyncEnumerable<StoredGrainState<T>> ScanAsync<T>(string stateName, string grainIdPrefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        ArgumentNullException.ThrowIfNull(grainIdPrefix);

        // The dictionary's enumerator is a live, lock-free walk: nothing is copied, and writes during it are fine.
        foreach (var ((state, grain), stored) in _store)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!string.Equals(state, stateName, StringComparison.Ordinal))
            {
                continue;
            }

            var id = grain.ToString();
            if (id.StartsWith(grainIdPrefix, StringComparison.Ordinal))
            {
                yield return new StoredGrainState<T>(id, serializer.Deserialize<T>(stored.Bytes)!);
            }
        }

        await Task.CompletedTask;
    }
}
