using System.Collections.Immutable;
using GeoStore.Abstractions.Messages;
using GeoStore.Core.AntiEntropy;
using GeoStore.Core.Versioning;

namespace GeoStore.Abstractions.Grains;

/// <summary>
/// Anti-entropy for one keyspace in one region (grain key <c>region/keyspace</c>). It summarises the
/// region's stored replicas of the keyspace in a Merkle tree built from a storage scan (no register
/// is activated for it), runs repair rounds against the keyspace's other replica regions, and
/// answers a peer's round: tree levels and the digests of keys in given ranges. Every call from
/// another region comes through the region transport and crosses the WAN.
/// </summary>
public interface IAntiEntropyGrain : IRegionScopedGrain
{
    /// <summary>
    /// One repair round of a Leaderless keyspace from this region against every other replica region,
    /// one peer after another, then purges the tombstones every replica holds alike past the grace.
    /// A peer that cannot be reached fails alone and is reported; the round never waits for it.
    /// A round already running is joined, not repeated.
    /// </summary>
    /// <exception cref="Errors.KeyspaceNotFoundException">The keyspace does not exist.</exception>
    /// <exception cref="Errors.InvalidKeyspaceException">The keyspace is not Leaderless, or this region is not one of its replicas.</exception>
    Task<AntiEntropyReport> Repair();

    /// <summary>
    /// After a failover of a SingleLeader keyspace, from a follower: every key where this replica
    /// differs from <paramref name="leader"/>, the leader of epoch <paramref name="epoch"/>, takes the
    /// leader's state; a deposed epoch's write the leader never saw is recorded as orphaned.
    /// </summary>
    Task<PeerRepair> AdoptFromLeader(string leader, long epoch);

    /// <summary>Scans this replica into a new tree, kept for a while for a peer's walk, and names it.</summary>
    Task<MerkleSnapshot> Snapshot();

    /// <summary>The requested nodes of one level of the tree <paramref name="snapshot"/>.</summary>
    /// <exception cref="InvalidOperationException">The snapshot is no longer kept.</exception>
    Task<MerkleLevel> Level(Guid snapshot, MerkleLevelRequest request);

    /// <summary>What this replica stores now for every key whose hash is in one of <paramref name="ranges"/>.</summary>
    Task<ImmutableArray<KeyDigest>> DigestsIn(ImmutableArray<HashRange> ranges);

    /// <summary>What this replica stores now for each of <paramref name="keys"/> it holds anything for.</summary>
    Task<ImmutableArray<KeyDigest>> DigestsOf(ImmutableArray<string> keys);
}
