using System.Collections.Immutable;

namespace GeoStore.Core.Keyspaces;

/// <summary>The replication policy of one keyspace: its mode, replica regions and mode options.</summary>
[GenerateSerializer, Immutable]
public sealed record KeyspacePolicy(
    [property: Id(0)] ReplicationMode Mode,
    [property: Id(1)] ImmutableArray<string> Regions,
    [property: Id(2)] ConflictResolver Resolver = ConflictResolver.Lww,
    [property: Id(3)] ReplicationTopology Topology = ReplicationTopology.AllToAll)
{
    public bool IsReplicaIn(string region) => Regions.Contains(region, StringComparer.Ordinal);

    public bool Equals(KeyspacePolicy? other) =>
        other is not null
        && Mode == other.Mode
        && Resolver == other.Resolver
        && Topology == other.Topology
        && Regions.SequenceEqual(other.Regions, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Mode, Resolver, Topology, Regions.Length);
}
