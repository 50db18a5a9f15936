using GeoStore.Core.Replication;

namespace GeoStore.Grains.Storage;

/// <summary>
/// Where a region's replication log shards live. The log shard grain keeps its working copy in
/// memory and writes through this store: appends are durable when <see cref="AppendAsync"/>
/// returns (write-ahead), and arrive in groups so a store with a round trip per call can commit
/// a group at once.
/// </summary>
public interface IReplicationLogStore
{
    /// <summary>Loads a shard's log, creating it with a new incarnation when there is none.</summary>
    Task<StoredLog> OpenAsync(string region, int shard, CancellationToken cancellationToken);

    /// <summary>Appends entries whose sequences continue the stored log without a gap.</summary>
    Task AppendAsync(string region, int shard, IReadOnlyList<LogEntry> entries, CancellationToken cancellationToken);

    /// <summary>Records what each peer has acknowledged and drops entries through <paramref name="truncateThrough"/>.</summary>
    Task CompactAsync(string region, int shard, IReadOnlyDictionary<string, long> acknowledged, long truncateThrough, CancellationToken cancellationToken);
}
