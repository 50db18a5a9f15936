using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GeoStore.Core.Causality;
using GeoStore.Core.Clocks;
using GeoStore.Core.Resolution;
using GeoStore.Core.Versioning;
using Shouldly;

namespace GeoStore.Core.Tests.Resolution;

/// <summary>
/// Custom keyspaces: replicas keep the frontier of concurrent writes as a sibling set and serve the
/// resolver's choice over it, so any total-order rule converges, even one that ignores causality.
/// </summary>
public sealed class FrontierChoiceTests
{
    private static readonly string[] Regions = ["us-east", "eu-west", "ap-south"];

    /// <summary>Ignores causality, like a business rule: the lowest first byte wins, a tombstone loses, ties go to the higher version.</summary>
    private static readonly ConcurrentChoice LowestByte = (a, b) =>
    {
        var order = Rank(a).CompareTo(Rank(b));
        return order < 0 || (order == 0 && a.Version.CompareTo(b.Version) >= 0) ? a : b;

        static int Rank(VersionedValue v) => v.Value is { Length: > 0 } bytes ? bytes[0] : 256;
    };

    [Fact]
    public void A_write_that_won_a_conflict_and_was_then_overwritten_leaves_every_region_with_the_same_survivor()
    {
        // i at eu-west; x at us-east, concurrent with i; y at ap-south after seeing i. The rule
        // prefers i over x and x over y. Pairwise, regions disagree; over the frontier {x, y} all pick x.
        var i = Write(SiblingSet.Empty, "eu-west", 100, 1);
        var x = Write(SiblingSet.Empty, "us-east", 101, 2);
        var y = Write(i, "ap-south", 102, 3);

        var euWest = SiblingSet.Merge(SiblingSet.Merge(i, x), y);
        var usEast = SiblingSet.Merge(SiblingSet.Merge(x, y), i);

        usEast.ShouldBe(euWest);
        FrontierChoice.Choose(euWest, LowestByte)!.Value.ShouldBe(new byte[] { 2 });
        FrontierChoice.Choose(usEast, LowestByte)!.Value.ShouldBe(new byte[] { 2 });
    }

    [Fact]
    public void A_local_write_replaces_the_whole_frontier_it_saw()
    {
        var frontier = SiblingSet.Merge(Write(SiblingSet.Empty, "eu-west", 100, 1), Write(SiblingSet.Empty, "us-east", 101, 2));

        var next = Write(frontier, "ap-south", 102, 9);

        next.Siblings.Select(s => s.Value.Value![0]).ShouldBe(new byte[] { 9 });
        FrontierChoice.Choose(next, LowestByte)!.Value.ShouldBe(new byte[] { 9 });
    }

    [Fact]
    public void An_empty_frontier_has_no_survivor() => FrontierChoice.Choose(SiblingSet.Empty, LowestByte).ShouldBeNull();

    /// <summary>
    /// Random histories: each step writes at a region (replacing what that replica holds, as the
    /// register does) or ships one replica's state to another; at the end every state reaches every
    /// replica in a random order. Every replica then serves the same survivor, the rule's best write
    /// among those no other write saw.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property Any_total_order_rule_converges_over_the_frontier(int seed)
    {
        var random = new Random(seed);
        var replicas = new SiblingSet[3];
        Array.Fill(replicas, SiblingSet.Empty);
        var shipped = new List<SiblingSet>();
        var wall = 1_000L;
        for (var step = 0; step < random.Next(1, 30); step++)
        {
            var at = random.Next(3);
            if (random.Next(3) == 0)
            {
                replicas[at] = SiblingSet.Merge(replicas[at], replicas[random.Next(3)]);
                continue;
            }

            replicas[at] = Write(replicas[at], Regions[at], wall += random.Next(1, 3), (byte)random.Next(0, 5));
            shipped.Add(replicas[at]);
        }

        for (var r = 0; r < 3; r++)
        {
            foreach (var state in shipped.OrderBy(_ => random.Next()))
            {
                replicas[r] = SiblingSet.Merge(replicas[r], state);
            }
        }

        var survivors = replicas.Select(r => FrontierChoice.Choose(r, LowestByte)?.Version).ToList();
        return (survivors.Distinct().Count() == 1 && replicas.All(r => r.Equals(replicas[0])))
            .Label($"seed {seed}: survivors {string.Join(", ", survivors)}");
    }

    private static SiblingSet Write(SiblingSet replica, string region, long wall, byte value) =>
        replica.Update(replica.Context, region, new VersionedValue(new WriteVersion(new HybridTimestamp(wall, 0), region), [value], "application/octet-stream")).Result;
}
