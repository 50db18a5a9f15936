using System.Collections.Immutable;
using GeoStore.Core.Crdts;
using GeoStore.Core.Leadership;
using GeoStore.Core.Quorum;

namespace GeoStore.Core.Keyspaces;

/// <summary>
/// The replication policy of one keyspace: its mode, replica regions and mode options.
/// <paramref name="Hub"/> is the relaying region of a Star topology; <paramref name="MaxSiblings"/>
/// caps the siblings a blind write may leave in a MultiValue keyspace;
/// <paramref name="CustomResolver"/> names the registered resolver of a Custom keyspace;
/// <paramref name="Crdt"/> is the data type of every key of a Crdt keyspace.
/// A Leaderless keyspace has <paramref name="N"/> replicas (its regions), answers a write after
/// <paramref name="W"/> acks and a read after <paramref name="R"/> answers (majorities when left out);
/// <paramref name="Linearizable"/> runs ABD (reads write back, writes read first) and
/// <paramref name="Sloppy"/> counts hints held for unreachable replicas towards W.
/// A SingleLeader keyspace names its first <paramref name="Leader"/> (after a failover the catalog's
/// epoch names the current one), what its writes wait for (<paramref name="Replication"/>,
/// <paramref name="SemiSyncAcks"/>, <paramref name="SemiSyncFallback"/>) and, when set,
/// <paramref name="AutoFailoverSeconds"/>: how long a majority of its regions must miss the leader
/// before they promote a follower on their own (off when null). A Chain keyspace's regions are its
/// chain in order, head first.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record KeyspacePolicy(
    [property: Id(0)] ReplicationMode Mode,
    [property: Id(1)] ImmutableArray<string> Regions,
    [property: Id(2)] ConflictResolver Resolver = ConflictResolver.Lww,
    [property: Id(3)] ReplicationTopology Topology = ReplicationTopology.AllToAll,
    [property: Id(4)] string? Hub = null,
    [property: Id(5)] int MaxSiblings = KeyspacePolicy.DefaultMaxSiblings,
    [property: Id(6)] string? CustomResolver = null,
    [property: Id(7)] CrdtType? Crdt = null,
    [property: Id(8)] int? N = null,
    [property: Id(9)] int? W = null,
    [property: Id(10)] int? R = null,
    [property: Id(11)] bool Linearizable = false,
    [property: Id(12)] bool Sloppy = false,
    [property: Id(13)] string? Leader = null,
    [property: Id(14)] AckMode? Replication = null,
    [property: Id(15)] int? SemiSyncAcks = null,
    [property: Id(16)] SemiSyncFallback? SemiSyncFallback = null,
    [property: Id(17)] int? AutoFailoverSeconds = null)
{
    public const int DefaultMaxSiblings = 8;
    public const int MaxSiblingsLimit = 64;

    public bool IsReplicaIn(string region) => Regions.Contains(region, StringComparer.Ordinal);

    /// <summary>True when any quorum setting is given (only a Leaderless keyspace may give them).</summary>
    public bool HasQuorumSettings => N is not null || W is not null || R is not null || Linearizable || Sloppy;

    /// <summary>True when any single-leader setting is given (only a SingleLeader keyspace may give them).</summary>
    public bool HasLeaderSettings =>
        Leader is not null || Replication is not null || SemiSyncAcks is not null || SemiSyncFallback is not null || AutoFailoverSeconds is not null;

    /// <summary>
    /// What a SingleLeader keyspace's writes wait for: Async unless set, SemiSync with one follower
    /// and failing on timeout unless set. Null for every other mode.
    /// </summary>
    public AckRequirement? Acks => Mode == ReplicationMode.SingleLeader
        ? new AckRequirement(Replication ?? AckMode.Async, SemiSyncAcks ?? 1, SemiSyncFallback ?? Leadership.SemiSyncFallback.Fail)
        : null;

    /// <summary>The regions of a SingleLeader keyspace other than <paramref name="leader"/>.</summary>
    public IEnumerable<string> FollowersOf(string leader) => Regions.Where(r => !string.Equals(r, leader, StringComparison.Ordinal));

    /// <summary>
    /// The quorum a Leaderless keyspace runs with: N is its replica regions, W and R majorities of
    /// them unless set. Null for every other mode.
    /// </summary>
    public QuorumPolicy? Quorum
    {
        get
        {
            if (Mode != ReplicationMode.Leaderless)
            {
                return null;
            }

            var n = N ?? Regions.Length;
            var majority = n >= 1 ? QuorumLevels.Majority(n) : 1;
            return new QuorumPolicy(n, W ?? majority, R ?? majority, Linearizable, Sloppy);
        }
    }

    public bool Equals(KeyspacePolicy? other) =>
        other is not null
        && Mode == other.Mode
        && Resolver == other.Resolver
        && Topology == other.Topology
        && string.Equals(Hub, other.Hub, StringComparison.Ordinal)
        && MaxSiblings == other.MaxSiblings
        && string.Equals(CustomResolver, other.CustomResolver, StringComparison.Ordinal)
        && Crdt == other.Crdt
        && N == other.N
        && W == other.W
        && R == other.R
        && Linearizable == other.Linearizable
        && Sloppy == other.Sloppy
        && string.Equals(Leader, other.Leader, StringComparison.Ordinal)
        && Replication == other.Replication
        && SemiSyncAcks == other.SemiSyncAcks
        && SemiSyncFallback == other.SemiSyncFallback
        && AutoFailoverSeconds == other.AutoFailoverSeconds
        && Regions.SequenceEqual(other.Regions, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(HashCode.Combine(Mode, Resolver, Topology, Hub, MaxSiblings, CustomResolver, Regions.Length), W, R, Linearizable, Leader, Replication);
}
