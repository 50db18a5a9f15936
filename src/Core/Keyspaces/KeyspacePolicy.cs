using System.Collections.Immutable;
using GeoStore.Core.Crdts;

namespace GeoStore.Core.Keyspaces;

/// <summary>
/// The replication policy of one keyspace: its mode, replica regions and mode options.
/// <paramref name="Hub"/> is the relaying region of a Star topology; <paramref name="MaxSiblings"/>
/// caps the siblings a blind write may leave in a MultiValue keyspace;
/// <paramref name="CustomResolver"/> names the registered resolver of a Custom keyspace;
/// <paramref name="Crdt"/> is the data type of every key of a Crdt keyspace.
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
    [property: Id(7)] CrdtType? Crdt = null)
{
    public const int DefaultMaxSiblings = 8;
    public const int MaxSiblingsLimit = 64;

    public bool IsReplicaIn(string region) => Regions.Contains(region, StringComparer.Ordinal);

    public bool Equals(KeyspacePolicy? other) =>
        other is not null
        && Mode == other.Mode
        && Resolver == other.Resolver
        && Topology == other.Topology
        && string.Equals(Hub, other.Hub, StringComparison.Ordinal)
        && MaxSiblings == other.MaxSiblings
        && string.Equals(CustomResolver, other.CustomResolver, StringComparison.Ordinal)
        && Crdt == other.Crdt
        && Regions.SequenceEqual(other.Regions, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Mode, Resolver, Topology, Hub, MaxSiblings, CustomResolver, Regions.Length);
}
