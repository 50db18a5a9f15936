using System.Collections.Immutable;
using GeoStore.Abstractions.Messages;
using GeoStore.Core.AntiEntropy;
using GeoStore.Core.Chain;
using GeoStore.Core.Leadership;
using GeoStore.Core.Replication;
using GeoStore.Core.Versioning;

namespace GeoStore.Grains.Transport;

/// <summary>
/// The one seam every interaction between regions goes through: replication batches and client
/// operations served by another region. In one cluster it is a grain call that crosses the
/// simulated WAN; with a cluster per region it becomes a client of the remote region's gateways.
/// Every method fails with <see cref="Abstractions.Errors.RegionUnavailableException"/> when the
/// region cannot be reached.
/// </summary>
public interface IRegionTransport
{
    /// <summary>Delivers a batch to <paramref name="region"/>'s inbox for its origin shard; returns the position applied through.</summary>
    Task<long> ShipAsync(string region, ReplicationBatch batch);

    /// <summary>Runs a write on <paramref name="region"/>'s replica of the key.</summary>
    Task<WriteResult> WriteAsync(string region, WriteCommand command);

    /// <summary>Versions and stores a Leaderless write at <paramref name="region"/>'s replica, its coordinating replica.</summary>
    Task<PreparedWrite> WriteForQuorumAsync(string region, WriteCommand command, LogEntry? newest);

    /// <summary>Applies CRDT operations on <paramref name="region"/>'s replica of the key.</summary>
    Task<WriteResult> UpdateAsync(string region, CrdtCommand command);

    /// <summary>Merges an entry into <paramref name="region"/>'s replica of its key (idempotent); true when it changed it.</summary>
    Task<bool> ApplyAsync(string region, LogEntry entry);

    /// <summary>Reads <paramref name="region"/>'s replica of the key.</summary>
    Task<ReplicaRead> ReadAsync(string region, string keyspace, string key);

    /// <summary>Waits, at most <paramref name="timeout"/>, until <paramref name="region"/>'s replica of the key has applied <paramref name="version"/>.</summary>
    Task<bool> AwaitSeenAsync(string region, string keyspace, string key, WriteVersion version, TimeSpan timeout);

    /// <summary>Has <paramref name="region"/>'s anti-entropy scan its replica of <paramref name="keyspace"/> into a tree for a walk.</summary>
    Task<MerkleSnapshot> MerkleSnapshotAsync(string region, string keyspace);

    /// <summary>The requested nodes of one level of <paramref name="region"/>'s tree <paramref name="snapshot"/>.</summary>
    Task<MerkleLevel> MerkleLevelAsync(string region, string keyspace, Guid snapshot, MerkleLevelRequest request);

    /// <summary>What <paramref name="region"/>'s replica stores for the keys whose hashes fall in <paramref name="ranges"/>.</summary>
    Task<ImmutableArray<KeyDigest>> KeyDigestsInAsync(string region, string keyspace, ImmutableArray<HashRange> ranges);

    /// <summary>What <paramref name="region"/>'s replica stores for each of <paramref name="keys"/>.</summary>
    Task<ImmutableArray<KeyDigest>> KeyDigestsOfAsync(string region, string keyspace, ImmutableArray<string> keys);

    /// <summary>Purges <paramref name="region"/>'s replica of the key if all it holds is exactly that tombstone; true when it did.</summary>
    Task<bool> PurgeTombstoneAsync(string region, string keyspace, string key, WriteVersion version, ulong digest);

    /// <summary>Runs a SingleLeader write at <paramref name="region"/>, its leader, answering once the keyspace's mode acknowledges it.</summary>
    Task<WriteResult> WriteAtLeaderAsync(string region, WriteCommand command);

    /// <summary>Tells <paramref name="region"/> of a SingleLeader epoch; answers its fencing decision (the epoch it holds afterwards).</summary>
    Task<FencingDecision> ObserveEpochAsync(string region, string keyspace, LeaderEpoch epoch, bool unfenced);

    /// <summary>How far <paramref name="region"/> has received its leader's log of <paramref name="keyspace"/>, and the epoch it holds.</summary>
    Task<FollowerStanding> StandingAsync(string region, string keyspace);

    /// <summary>Asks <paramref name="region"/> to promise a failover away from <paramref name="expected"/> to take no more of its entries (<see cref="Abstractions.Grains.ILeadershipGrain.Prepare"/>).</summary>
    Task<FollowerStanding> PrepareAsync(string region, string keyspace, LeaderEpoch expected, Guid ballot);

    /// <summary>Ends <paramref name="region"/>'s promise to failover ballot <paramref name="ballot"/>.</summary>
    Task ReleaseAsync(string region, string keyspace, Guid ballot);

    /// <summary>How long <paramref name="region"/> has not heard its leader of <paramref name="keyspace"/> (milliseconds; null when it leads).</summary>
    Task<long?> SilenceAsync(string region, string keyspace);

    /// <summary>Has <paramref name="region"/>'s replica of the key give up a deposed leader's orphaned write for the new leader's state.</summary>
    Task<bool> DropOrphanAsync(string region, string keyspace, string key, ImmutableArray<WriteVersion> orphans, ReplicaRead leader, long epoch);

    /// <summary>Runs a write of a Chain keyspace at <paramref name="region"/>, the head of <paramref name="chain"/>; answers once the tail holds it.</summary>
    Task<WriteResult> ChainWriteAsync(string region, ChainMembership chain, Guid writeId, WriteCommand command);

    /// <summary>Sends a key's unacknowledged updates to <paramref name="region"/>, the next member; returns what the tail holds through.</summary>
    Task<long> ChainForwardAsync(string region, string keyspace, string key, ChainMembership chain, ImmutableArray<CraqVersion<ChainWrite>> updates);

    /// <summary>A CRAQ read of the key at <paramref name="region"/>, a member of <paramref name="chain"/>.</summary>
    Task<ChainReplicaRead> ChainReadAsync(string region, string keyspace, string key, ChainMembership chain);

    /// <summary>Asks <paramref name="region"/>, the tail, for the sequence number of the key's committed version.</summary>
    Task<long> ChainCommittedAsync(string region, string keyspace, string key, ChainMembership chain);

    /// <summary>Copies <paramref name="region"/>'s state of the key, for the member that joined behind it.</summary>
    Task<ChainKeyReplica> ChainSnapshotAsync(string region, string keyspace, string key, ChainMembership chain);
}
