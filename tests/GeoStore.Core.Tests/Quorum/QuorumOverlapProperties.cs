using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GeoStore.Core.Quorum;
using Shouldly;

namespace GeoStore.Core.Tests.Quorum;

/// <summary>
/// The reason W+R&gt;N is the rule: checked by brute force over every W-subset and R-subset of
/// N ≤ 7 replicas (a replica set is a bit mask), independent of the code under test.
/// </summary>
public sealed class QuorumOverlapProperties
{
    private const int MaxN = 7;

    private static IEnumerable<int> SubsetsOfSize(int n, int size) =>
        Enumerable.Range(0, 1 << n).Where(mask => BitOperations.PopCount((uint)mask) == size);

    private static bool EveryPairIntersects(int n, int w, int r) =>
        SubsetsOfSize(n, w).All(write => SubsetsOfSize(n, r).All(read => (write & read) != 0));

    private static Arbitrary<(int N, int W, int R)> Levels() =>
        Gen.Choose(1, MaxN)
            .SelectMany(n => Gen.Choose(1, n).SelectMany(w => Gen.Choose(1, n).Select(r => (n, w, r))))
            .ToArbitrary();

    [Property(MaxTest = 200)]
    public Property Every_write_quorum_meets_every_read_quorum_when_w_plus_r_exceeds_n() =>
        Prop.ForAll(Levels(), l => l.W + l.R <= l.N || EveryPairIntersects(l.N, l.W, l.R));

    [Property(MaxTest = 200)]
    public Property Some_write_quorum_misses_some_read_quorum_when_w_plus_r_is_at_most_n() =>
        Prop.ForAll(Levels(), l => l.W + l.R > l.N || !EveryPairIntersects(l.N, l.W, l.R));

    [Fact]
    public void Overlap_holds_exactly_when_w_plus_r_exceeds_n_for_every_level_up_to_seven_replicas()
    {
        for (var n = 1; n <= MaxN; n++)
        {
            for (var w = 1; w <= n; w++)
            {
                for (var r = 1; r <= n; r++)
                {
                    EveryPairIntersects(n, w, r).ShouldBe(w + r > n, $"n = {n}, w = {w}, r = {r}");
                    new QuorumPolicy(n, w, r).Overlaps.ShouldBe(w + r > n);
                }
            }
        }
    }
}
