using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GeoStore.Core.Keyspaces;
using GeoStore.Core.Replication;
using Shouldly;

namespace GeoStore.Core.Tests.Replication;

public sealed class ReplicationRouteTests
{
    private static readonly string[] Pool = ["us-east", "eu-west", "ap-south", "sa-east", "af-south"];

    private const string Outsider = "moon";

    /// <summary>
    /// Routes of every topology over 1 to 5 distinct regions in a random order. A Star's hub is one
    /// of its regions most of the time, and otherwise missing or a region outside the route.
    /// </summary>
    private static readonly Gen<ReplicationRoute> Routes =
        from topology in Gen.Elements(ReplicationTopology.AllToAll, ReplicationTopology.Ring, ReplicationTopology.Star)
        from count in Gen.Choose(1, Pool.Length)
        from order in Gen.Choose(0, int.MaxValue)
        from hubPick in Gen.Choose(0, 9)
        let regions = Shuffled(order).Take(count).ToImmutableArray()
        let hub = topology != ReplicationTopology.Star ? null : hubPick switch
        {
            0 => null,
            1 => Outsider,
            _ => regions[hubPick % count],
        }
        select new ReplicationRoute(topology, regions, hub);

    private static readonly Gen<(ReplicationRoute Route, string Origin, string Target)> RoutesWithTwoRegions =
        from route in Routes
        from origin in Gen.Elements(route.Regions.AsEnumerable())
        from target in Gen.Elements(route.Regions.AsEnumerable())
        select (route, origin, target);

    [Property(MaxTest = 500)]
    public Property Following_next_hops_from_the_origin_reaches_every_region_exactly_once() =>
        Prop.ForAll(
            (from route in Routes
             from origin in Gen.Elements(route.Regions.AsEnumerable())
             select (route, origin)).ToArbitrary(),
            input =>
            {
                var received = Flood(input.route, input.origin);
                var reached = received.Prepend(input.origin).Order(StringComparer.Ordinal);
                return reached.SequenceEqual(input.route.Regions.Order(StringComparer.Ordinal))
                    .Label($"{Describe(input.route)} from {input.origin} delivered to [{string.Join(", ", received)}]");
            });

    [Property(MaxTest = 500)]
    public Property A_path_starts_at_the_origin_ends_at_the_target_and_takes_only_next_hops() =>
        Prop.ForAll(
            RoutesWithTwoRegions.ToArbitrary(),
            input =>
            {
                var path = input.Route.PathTo(input.Origin, input.Target);
                var hops = path.Zip(path.Skip(1), (at, next) => input.Route.NextHops(at, input.Origin).Contains(next));
                return (path.Count > 0 && path[0] == input.Origin && path[^1] == input.Target && hops.All(h => h) && path.Distinct().Count() == path.Count)
                    .Label($"{Describe(input.Route)}: {input.Origin} -> {input.Target} took [{string.Join(", ", path)}]");
            });

    [Property(MaxTest = 300)]
    public Property An_all_to_all_entry_goes_straight_from_its_origin_to_every_other_region() =>
        Prop.ForAll(
            RoutesWithTwoRegions.Where(r => r.Origin != r.Target).ToArbitrary(),
            input =>
            {
                var route = input.Route with { Topology = ReplicationTopology.AllToAll, Hub = null };
                return route.PathTo(input.Origin, input.Target).SequenceEqual([input.Origin, input.Target]);
            });

    [Property(MaxTest = 300)]
    public Property A_ring_entry_passes_every_region_between_its_origin_and_the_target_in_policy_order() =>
        Prop.ForAll(
            (from route in Routes
             from origin in Gen.Choose(0, route.Regions.Length - 1)
             from steps in Gen.Choose(0, route.Regions.Length - 1)
             select (route: route with { Topology = ReplicationTopology.Ring, Hub = null }, origin, steps)).ToArbitrary(),
            input =>
            {
                var regions = input.route.Regions;
                var expected = Enumerable.Range(0, input.steps + 1).Select(i => regions[(input.origin + i) % regions.Length]).ToList();
                var path = input.route.PathTo(regions[input.origin], expected[^1]);
                return (path.Count == input.steps + 1 && path.SequenceEqual(expected))
                    .Label($"{Describe(input.route)}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", path)}]");
            });

    [Property(MaxTest = 300)]
    public Property A_star_relays_every_spoke_to_spoke_entry_through_the_hub() =>
        Prop.ForAll(
            (from route in Routes.Where(r => r.Regions.Length >= 3)
             from hub in Gen.Elements(route.Regions.AsEnumerable())
             from origin in Gen.Elements(route.Regions.Where(r => r != hub))
             from target in Gen.Elements(route.Regions.Where(r => r != hub && r != origin))
             select (route: route with { Topology = ReplicationTopology.Star, Hub = hub }, origin, target)).ToArbitrary(),
            input =>
            {
                var route = input.route;
                var hub = route.Hub!;
                return (route.PathTo(input.origin, input.target).SequenceEqual([input.origin, hub, input.target])
                        && route.PathTo(input.origin, hub).SequenceEqual([input.origin, hub])
                        && route.PathTo(hub, input.target).SequenceEqual([hub, input.target])
                        && route.NextHops(input.target, input.origin).Count == 0)
                    .Label(Describe(route));
            });

    [Property(MaxTest = 300)]
    public Property A_region_outside_the_route_neither_sends_nor_is_sent_anything() =>
        Prop.ForAll(
            RoutesWithTwoRegions.ToArbitrary(),
            input =>
            {
                var route = input.Route;
                return route.NextHops(Outsider, input.Origin).Count == 0
                    && route.NextHops(input.Origin, Outsider).Count == 0
                    && route.Regions.All(at => !route.NextHops(at, input.Origin).Contains(Outsider))
                    && route.PathTo(input.Origin, Outsider).Count == 0;
            });

    [Property(MaxTest = 300)]
    public Property A_star_without_a_hub_among_its_regions_sends_like_all_to_all() =>
        Prop.ForAll(
            (from route in Routes
             from hub in Gen.Elements<string?>(null, Outsider, "")
             select route with { Topology = ReplicationTopology.Star, Hub = hub }).ToArbitrary(),
            star =>
            {
                var allToAll = star with { Topology = ReplicationTopology.AllToAll, Hub = null };
                return star.Regions.All(origin => star.Regions.All(at => star.NextHops(at, origin).SequenceEqual(allToAll.NextHops(at, origin))))
                    .Label(Describe(star));
            });

    [Fact]
    public void A_ring_entry_stops_at_the_region_before_its_origin()
    {
        var ring = new ReplicationRoute(ReplicationTopology.Ring, ["us-east", "eu-west", "ap-south"]);

        ring.NextHops("eu-west", "eu-west").ShouldBe(["ap-south"]);
        ring.NextHops("ap-south", "eu-west").ShouldBe(["us-east"]);
        ring.NextHops("us-east", "eu-west").ShouldBeEmpty();
        ring.PathTo("eu-west", "us-east").ShouldBe(["eu-west", "ap-south", "us-east"]);
    }

    [Fact]
    public void A_star_hub_relays_a_spoke_entry_to_the_other_spokes_only()
    {
        var star = new ReplicationRoute(ReplicationTopology.Star, ["us-east", "eu-west", "ap-south"], Hub: "eu-west");

        star.NextHops("us-east", "us-east").ShouldBe(["eu-west"]);
        star.NextHops("eu-west", "us-east").ShouldBe(["ap-south"]);
        star.NextHops("eu-west", "eu-west").ShouldBe(["us-east", "ap-south"]);
        star.NextHops("ap-south", "us-east").ShouldBeEmpty();
    }

    [Fact]
    public void A_single_region_route_sends_nothing_and_reaches_itself()
    {
        foreach (var topology in Enum.GetValues<ReplicationTopology>())
        {
            var route = new ReplicationRoute(topology, ["us-east"], topology == ReplicationTopology.Star ? "us-east" : null);

            route.NextHops("us-east", "us-east").ShouldBeEmpty();
            route.PathTo("us-east", "us-east").ShouldBe(["us-east"]);
        }
    }

    [Fact]
    public void The_route_of_a_policy_is_its_topology_regions_and_hub_and_equal_routes_compare_by_content()
    {
        var policy = new KeyspacePolicy(ReplicationMode.MultiLeader, ["us-east", "eu-west"], Topology: ReplicationTopology.Star, Hub: "us-east");

        var route = ReplicationRoute.For(policy);

        route.ShouldBe(new ReplicationRoute(ReplicationTopology.Star, ["us-east", "eu-west"], "us-east"));
        route.GetHashCode().ShouldBe(new ReplicationRoute(ReplicationTopology.Star, ["us-east", "eu-west"], "us-east").GetHashCode());
        route.ShouldNotBe(route with { Regions = ["eu-west", "us-east"] });
        route.ShouldNotBe(route with { Hub = "eu-west" });
        route.ShouldNotBe(route with { Topology = ReplicationTopology.Ring, Hub = null });
    }

    /// <summary>
    /// Every region that receives the entry forwards it to its next hops, duplicates included, as
    /// a region without deduplication would. Stops after more deliveries than a tree could make,
    /// so a cycle shows as repeated regions instead of a hang.
    /// </summary>
    private static List<string> Flood(ReplicationRoute route, string origin)
    {
        var received = new List<string>();
        var pending = new Queue<string>([origin]);
        while (pending.Count > 0 && received.Count <= route.Regions.Length * 2)
        {
            foreach (var hop in route.NextHops(pending.Dequeue(), origin))
            {
                received.Add(hop);
                pending.Enqueue(hop);
            }
        }

        return received;
    }

    private static IEnumerable<string> Shuffled(int seed)
    {
        var regions = Pool.ToArray();
        new Random(seed).Shuffle(regions);
        return regions;
    }

    private static string Describe(ReplicationRoute route) =>
        $"{route.Topology} [{string.Join(", ", route.Regions)}]{(route.Hub is null ? "" : $" hub {route.Hub}")}";
}
