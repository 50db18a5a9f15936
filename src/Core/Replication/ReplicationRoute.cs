using System.Collections.Immutable;
using GeoStore.Core.Keyspaces;

namespace GeoStore.Core.Replication;

/// <summary>
/// The path a multi-leader keyspace's writes take between its regions. AllToAll: the origin sends
/// to everyone. Ring: each region sends to the next in <see cref="Regions"/> order, and an entry
/// stops before it returns to its origin. Star: spokes send to <see cref="Hub"/>, which relays to
/// every other spoke. Every entry is stamped with the route it was written under, and every
/// region on its way forwards it along that route (and along the keyspace's current route, when
/// an operator changed it since): a switch never strands an entry that the old route still owed.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ReplicationRoute(
    [property: Id(0)] ReplicationTopology Topology,
    [property: Id(1)] ImmutableArray<string> Regions,
    [property: Id(2)] string? Hub = null)
{
    public static ReplicationRoute For(KeyspacePolicy policy) => new(policy.Topology, policy.Regions, policy.Hub);

    /// <summary>The regions that <paramref name="at"/> sends an entry written in <paramref name="origin"/> to.</summary>
    public IReadOnlyList<string> NextHops(string at, string origin)
    {
        var here = Regions.IndexOf(at, StringComparer.Ordinal);
        if (here < 0 || !Regions.Contains(origin, StringComparer.Ordinal))
        {
            return [];
        }

        switch (Topology)
        {
            case ReplicationTopology.Ring:
                var next = Regions[(here + 1) % Regions.Length];
                return Same(next, origin) ? [] : [next];
            case ReplicationTopology.Star when Hub is not null && Regions.Contains(Hub, StringComparer.Ordinal):
                if (Same(at, Hub))
                {
                    return [.. Regions.Where(r => !Same(r, Hub) && !Same(r, origin))];
                }

                return Same(at, origin) ? [Hub] : [];
            default:
                return Same(at, origin) ? [.. Regions.Where(r => !Same(r, at))] : [];
        }
    }

    /// <summary>
    /// The regions an entry passes through before it reaches <paramref name="target"/>, origin
    /// first; empty when the route never reaches it. A ring's path is what makes one region's
    /// outage stall every region behind it.
    /// </summary>
    public IReadOnlyList<string> PathTo(string origin, string target)
    {
        var frontier = new Queue<(string At, ImmutableList<string> Path)>([(origin, [origin])]);
        while (frontier.Count > 0)
        {
            var (at, soFar) = frontier.Dequeue();
            if (Same(at, target))
            {
                return soFar;
            }

            foreach (var hop in NextHops(at, origin))
            {
                if (!soFar.Contains(hop, StringComparer.Ordinal))
                {
                    frontier.Enqueue((hop, soFar.Add(hop)));
                }
            }
        }

        return [];
    }

    public bool Equals(ReplicationRoute? other) =>
        other is not null && Topology == other.Topology && Same(Hub, other.Hub) && Regions.SequenceEqual(other.Regions, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Topology, Hub, Regions.Length);

    private static bool Same(string? a, string? b) => string.Equals(a, b, StringComparison.Ordinal);
}
