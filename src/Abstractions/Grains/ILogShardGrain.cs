using GeoStore.Abstractions.Messages;
using GeoStore.Core.Versioning;

namespace GeoStore.Abstractions.Grains;

/// <summary>One shard of a region's replication log (grain key <c>region/shard</c>).</summary>
public interface ILogShardGrain : IRegionScopedGrain
{
    /// <summary>Appends a write made in this region and returns its sequence; durable when it returns.</summary>
    Task<long> Append(string keyspace, string key, VersionedValue value);

    /// <summary>
    /// Entries after <paramref name="acknowledged"/>, at most <paramref name="max"/>. The read also
    /// records that <paramref name="peer"/> has acknowledged everything up to that position, when
    /// <paramref name="incarnation"/> is this log's (an acknowledgement of an earlier life of the
    /// log says nothing about this one).
    /// </summary>
    Task<LogSlice> ReadAfter(string peer, Guid incarnation, long acknowledged, int max);

    /// <summary>What <paramref name="peer"/> has acknowledged of this shard so far.</summary>
    Task<PeerPosition> GetAcknowledged(string peer);

    Task<ShardStatus> GetStatus();

    /// <summary>The newest retained entry's value for one key, if the shard still holds one.</summary>
    Task<VersionedValue?> LatestFor(string keyspace, string key);
}
