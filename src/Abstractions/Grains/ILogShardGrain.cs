using System.Collections.Immutable;
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

    /// <summary>
    /// A link's word that <paramref name="peer"/> has applied this shard through
    /// <paramref name="acknowledged"/> (of the log's life <paramref name="incarnation"/>), so the
    /// writes waiting on it hear at once rather than at the link's next read.
    /// </summary>
    Task ReportAcknowledged(string peer, Guid incarnation, long acknowledged);

    /// <summary>
    /// Waits, at most <paramref name="timeout"/>, until <paramref name="needed"/> of
    /// <paramref name="peers"/> have applied the entry at <paramref name="sequence"/>; answers which
    /// of them have by then (possibly fewer than needed).
    /// </summary>
    Task<ImmutableArray<string>> AwaitAcknowledged(long sequence, ImmutableArray<string> peers, int needed, TimeSpan timeout);

    /// <summary>The retained entries of <paramref name="keyspace"/> written under epoch number <paramref name="epoch"/> after <paramref name="after"/>.</summary>
    Task<ImmutableArray<LogEntry>> EntriesOf(string keyspace, long epoch, long after);
}
