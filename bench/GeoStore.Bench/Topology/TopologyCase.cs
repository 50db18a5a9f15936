using System.Text.Json.Serialization;
using GeoStore.Core.Keyspaces;
using GeoStore.Core.Replication;

namespace GeoStore.Bench.Topology;

/// <summary>
/// One topology under test: how a multi-leader keyspace over <see cref="Order"/> routes its
/// writes. <see cref="Order"/> is the ring's order for a Ring; <see cref="Hub"/> relays for a Star.
/// </summary>
public sealed record TopologyCase(ReplicationTopology Topology, IReadOnlyList<string> Order, string? Hub)
{
    /// <summary>The name in tables and keyspace names: <c>all-to-all</c>, <c>ring</c>, <c>star</c>.</summary>
    public string Name => Topology switch
    {
        ReplicationTopology.Ring => "ring",
        ReplicationTopology.Star => "star",
        _ => "all-to-all",
    };

    /// <summary>What a reader needs to know beyond the name: the ring's order or the hub.</summary>
    public string Shape => Topology switch
    {
        ReplicationTopology.Ring => string.Join("→", Order.Append(Order[0])),
        ReplicationTopology.Star => $"hub {Hub}",
        _ => "every region to every region",
    };

    [JsonIgnore]
    public KeyspacePolicy Policy => new(
        ReplicationMode.MultiLeader, [.. Order], ConflictResolver.Lww, Topology, Topology == ReplicationTopology.Star ? Hub : null);

    [JsonIgnore]
    public ReplicationRoute Route => ReplicationRoute.For(Policy);
}
