using GeoStore.Abstractions.Messages;
using GeoStore.Core.Replication;

namespace GeoStore.Abstractions.Grains;

/// <summary>One shard of a region's replication log (grain key <c>region/shard</c>).</summary>
public interface ILogShardGrain : IRegionScopedGrain
{
    /// <summary>
    /// Appends an entry and returns the sequence it got in this log; durable when it returns. An
    /// entry written here gets its origin sequence too; a relayed one keeps its origin's.
    /// </summary>
    Task<long> Append(LogEntry entry);

    /// <summary>
    /// Entries after <paramref name="after"/> (at least <paramref name="acknowledged"/>), at most
    /// <paramref name="max"/>. The read also records that <paramref name="peer"/> has acknowledged
    /// everything up to <paramref name="acknowledged"/>, when <paramref name="incarnation"/> is this
    /// log's (an acknowledgement of an earlier life of the log says nothing about this one).
    /// </summary>
    Task<LogSlice> ReadAfter(string peer, Guid incarnation, long acknowledged, long after, int max);

    /// <summary>What <paramref name="peer"/> has acknowledged of this shard so far.</summary>
    Task<PeerPosition> GetAcknowledged(string peer);

    Task<ShardStatus> GetStatus();

    /// <summary>The newest retained entry for one key, if the shard still holds one.</summary>
    Task<LogEntry?> LatestFor(string keyspace, string key);
}
