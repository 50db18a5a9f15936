using GeoStore.Core.Replication;

namespace GeoStore.Grains.Storage;

/// <summary>
/// Where a region's logs live: its replication log shards (<c>shard-{n}</c>) and its queues of
/// hinted writes (<c>hints-{target}</c>), each an append-only, truncatable sequence. The log shard grain keeps its working copy in
/// memory and writes through this store: appends are durable when <see cref="AppendAsync"/>
/// returns (write-ahead), and arrive in groups so a store with a round trip per call can commit
/// a group at once.
/// </summary>
public interface IReplicationLogStore
{
    /// <summary>Loads a log, creating it with a new incarnation when there is none.</summary>
    Task<StoredLog> OpenAsync(string region, string name, CancellationToken cancellationToken);

    /// <summary>Appends entries whose sequences continue the stored log without a gap.</summary>
    Task AppendAsync(string region, string name, IReadOnlyList<LogEntry> entries, CancellationToken cancellationToken);

    /// <summary>Records what each peer has acknowledged and drops entries through <paramref name="truncateThrough"/>.</summary>
    Task CompactAsync(string region, string name, IReadOnlyDictionary<string, long> acknowledged, long truncateThrough, CancellationToken cancellationToken);
}
