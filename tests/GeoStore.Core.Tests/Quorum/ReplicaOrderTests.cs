using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GeoStore.Core.Quorum;
using Shouldly;

namespace GeoStore.Core.Tests.Quorum;

public sealed class ReplicaOrderTests
{
    private static readonly string[] Regions = ["us-east", "eu-west", "ap-south"];

    // us-east ↔ eu-west 40 ms, us-east ↔ ap-south 100 ms, eu-west ↔ ap-south 60 ms, one way.
    private static int Latency(string from, string to) => (from, to) switch
    {
        _ when from == to => 0,
        ("us-east", "eu-west") or ("eu-west", "us-east") => 40,
        ("us-east", "ap-south") or ("ap-south", "us-east") => 100,
        _ => 60,
    };

    private static bool Everyone(string region) => true;

    [Fact]
    public void A_coordinator_asks_its_own_region_first_then_the_nearest()
    {
        ReplicaOrder.Nearest("us-east", ["ap-south", "eu-west", "us-east"], Latency, Everyone)
            .ShouldBe(["us-east", "eu-west", "ap-south"]);
        ReplicaOrder.Nearest("ap-south", Regions, Latency, Everyone)
            .ShouldBe(["ap-south", "eu-west", "us-east"]);
    }

    [Fact]
    public void Unreachable_replicas_are_asked_last_even_when_near()
    {
        ReplicaOrder.Nearest("us-east", Regions, Latency, r => r != "eu-west")
            .ShouldBe(["us-east", "ap-south", "eu-west"]);
    }

    [Fact]
    public void An_unreachable_local_replica_goes_to_the_back_too()
    {
        ReplicaOrder.Nearest("us-east", Regions, Latency, r => r != "us-east")
            .ShouldBe(["eu-west", "ap-south", "us-east"]);
    }

    [Fact]
    public void Order_uses_the_round_trip_so_an_asymmetric_link_counts_both_ways()
    {
        // a→b is fast but b→a slow: b's round trip (10+200) is worse than c's (60+60).
        static int Asymmetric(string from, string to) => (from, to) switch
        {
            ("a", "b") => 10,
            ("b", "a") => 200,
            _ => 60,
        };

        ReplicaOrder.Nearest("a", ["b", "c"], Asymmetric, Everyone).ShouldBe(["c", "b"]);
    }

    [Fact]
    public void Equally_near_replicas_are_ordered_by_name()
    {
        ReplicaOrder.Nearest("x", ["c", "a", "b"], (_, _) => 5, Everyone).ShouldBe(["a", "b", "c"]);
        ReplicaOrder.Nearest("x", ["c", "a", "b"], (_, _) => 5, _ => false).ShouldBe(["a", "b", "c"]);
    }

    [Fact]
    public void A_coordinator_outside_the_replicas_orders_them_all_by_latency() =>
        ReplicaOrder.Nearest("eu-west", ["us-east", "ap-south"], Latency, Everyone).ShouldBe(["us-east", "ap-south"]);

    [Theory]
    [InlineData(1, 0L)]
    [InlineData(2, 80L)]
    [InlineData(3, 200L)]
    [InlineData(4, null)]
    public void The_physical_bound_is_the_round_trip_to_the_kth_nearest_replica(int k, long? expected) =>
        ReplicaOrder.PhysicalBound(k, "us-east", Regions, Latency, Everyone).ShouldBe(expected);

    [Fact]
    public void A_quorum_needing_a_cut_replica_has_no_physical_bound()
    {
        ReplicaOrder.PhysicalBound(2, "us-east", Regions, Latency, r => r == "us-east").ShouldBeNull();
        ReplicaOrder.PhysicalBound(2, "us-east", Regions, Latency, r => r != "eu-west").ShouldBe(200);
    }

    private sealed record World(string Local, string[] Replicas, int[,] Latencies, bool[] Reachable)
    {
        public int Index(string region) => region == Local ? Replicas.Length : int.Parse(region[1..], System.Globalization.CultureInfo.InvariantCulture);

        public int Latency(string from, string to) => Latencies[Index(from), Index(to)];

        public bool IsReachable(string region) => region == Local ? Reachable[^1] : Reachable[Index(region)];

        public long RoundTrip(string region) => region == Local ? 0 : (long)Latency(Local, region) + Latency(region, Local);
    }

    /// <summary>Up to six replicas named r0…; the coordinator is one of them or a separate "home".</summary>
    private static Arbitrary<World> Worlds() =>
        Gen.Choose(1, 6).SelectMany(n => Gen.Choose(0, int.MaxValue).Select(seed =>
        {
            var random = new Random(seed);
            var replicas = Enumerable.Range(0, n).Select(i => $"r{i}").ToArray();
            var local = random.Next(4) == 0 ? "home" : replicas[random.Next(n)];
            var latencies = new int[n + 1, n + 1];
            for (var i = 0; i <= n; i++)
            {
                for (var j = 0; j <= n; j++)
                {
                    // A small range so ties in round trip are common.
                    latencies[i, j] = i == j ? 0 : random.Next(0, 6) * 20;
                }
            }

            var reachable = Enumerable.Range(0, n + 1).Select(_ => random.Next(3) != 0).ToArray();
            if (local != "home")
            {
                reachable[^1] = reachable[int.Parse(local[1..], System.Globalization.CultureInfo.InvariantCulture)];
            }

            random.Shuffle(replicas);
            return new World(local, replicas, latencies, reachable);
        })).ToArbitrary();

    [Property(MaxTest = 300)]
    public Property Nearest_is_a_permutation_with_the_local_replica_first_when_reachable() =>
        Prop.ForAll(Worlds(), world =>
        {
            var order = ReplicaOrder.Nearest(world.Local, world.Replicas, world.Latency, world.IsReachable);
            var localFirst = !world.Replicas.Contains(world.Local) || !world.IsReachable(world.Local) || order[0] == world.Local;
            return order.Order(StringComparer.Ordinal).SequenceEqual(world.Replicas.Order(StringComparer.Ordinal)) && localFirst;
        });

    [Property(MaxTest = 300)]
    public Property Nearest_puts_reachable_replicas_by_round_trip_before_unreachable_ones() =>
        Prop.ForAll(Worlds(), world =>
        {
            var order = ReplicaOrder.Nearest(world.Local, world.Replicas, world.Latency, world.IsReachable);
            var reachable = order.TakeWhile(world.IsReachable).ToList();
            var unreachable = order.Skip(reachable.Count).ToList();
            return unreachable.All(r => !world.IsReachable(r))
                && reachable.Zip(reachable.Skip(1)).All(p => world.RoundTrip(p.First) <= world.RoundTrip(p.Second));
        });

    [Property(MaxTest = 300)]
    public Property The_physical_bound_grows_with_k_and_matches_the_kth_reachable_replica_in_order() =>
        Prop.ForAll(Worlds(), world =>
        {
            var order = ReplicaOrder.Nearest(world.Local, world.Replicas, world.Latency, world.IsReachable)
                .Where(world.IsReachable).ToList();
            var bounds = Enumerable.Range(1, world.Replicas.Length + 1)
                .Select(k => ReplicaOrder.PhysicalBound(k, world.Local, world.Replicas, world.Latency, world.IsReachable))
                .ToList();
            var known = bounds.TakeWhile(b => b is not null).Select(b => b!.Value).ToList();
            return known.Count == order.Count
                && bounds.Skip(known.Count).All(b => b is null)
                && known.Zip(known.Skip(1)).All(p => p.First <= p.Second)
                && known.SequenceEqual(order.Select(world.RoundTrip));
        });
}
