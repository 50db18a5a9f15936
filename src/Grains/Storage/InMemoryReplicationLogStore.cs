using System.Collections.Concurrent;
using GeoStore.Core.Replication;

namespace GeoStore.Grains.Storage;

/// <summary>
/// Log shards kept in this silo's memory: they live and die with the silo, like every other piece
/// of state in the in-memory mode. Appends are O(entries appended), whatever the log's length.
/// </summary>
public sealed class InMemoryReplicationLogStore : IReplicationLogStore
{
    private readonly ConcurrentDictionary<(string Region, string Log), ShardLog> _logs = new();

    public Task<StoredLog> OpenAsync(string region, string name, CancellationToken cancellationToken)
    {
        var log = _logs.GetOrAdd((region, name), _ => new ShardLog(Guid.NewGuid()));
        lock (log)
        {
            return Task.FromResult(new StoredLog(log.Incarnation, log.LastSequence, [.. log.Entries], new Dictionary<string, long>(log.Acknowledged)));
        }
    }

    public Task AppendAsync(string region, string name, IReadOnlyList<LogEntry> entries, CancellationToken cancellationToken)
    {
        var log = _logs[(region, name)];
        lock (log)
        {
            if (entries.Count > 0 && entries[0].Sequence != log.LastSequence + 1)
            {
                throw new InvalidOperationException($"Log {region}/{name} ends at {log.LastSequence}; an append must start at {log.LastSequence + 1}, not {entries[0].Sequence}.");
            }

            log.Entries.AddRange(entries);
            log.LastSequence += entries.Count;
        }

        return Task.CompletedTask;
    }

    public Task CompactAsync(string region, string name, IReadOnlyDictionary<string, long> acknowledged, long truncateThrough, CancellationToken cancellationToken)
    {
        var log = _logs[(region, name)];
        lock (log)
        {
            foreach (var (peer, position) in acknowledged)
            {
                log.Acknowledged[peer] = position;
            }

            var drop = log.Entries.Count == 0 ? 0 : (int)Math.Clamp(truncateThrough - log.Entries[0].Sequence + 1, 0, log.Entries.Count);
            log.Entries.RemoveRange(0, drop);
        }

        return Task.CompletedTask;
    }

    private sealed class ShardLog(Guid incarnation)
    {
        public Guid Incarnation { get; } = incarnation;

        public long LastSequence { get; set; }

        public List<LogEntry> Entries { get; } = [];

        public Dictionary<string, long> Acknowledged { get; } = new(StringComparer.Ordinal);
    }
}
