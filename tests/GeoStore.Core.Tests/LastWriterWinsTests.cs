using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GeoStore.Core.Clocks;
using GeoStore.Core.Versioning;
using Shouldly;

namespace GeoStore.Core.Tests;

public sealed class LastWriterWinsTests
{
    private static readonly string[] Regions = ["us-east", "eu-west", "ap-south"];

    /// <summary>
    /// Versions drawn from a small space so ties in time (broken by region) and equal versions are
    /// common. As in the store, a version names one write: equal versions carry equal content.
    /// </summary>
    private static VersionedValue Value(int seed)
    {
        var n = Math.Abs(seed % 36);
        var (wall, logical, region) = (n % 4, n / 4 % 3, n / 12 % 3);
        var version = new WriteVersion(new HybridTimestamp(1000 + wall, logical), Regions[region]);
        return (wall + logical + region) % 4 == 0 ? VersionedValue.Tombstone(version) : new VersionedValue(version, [(byte)n], "text/plain");
    }

    private static bool Same(VersionedValue? a, VersionedValue? b) =>
        a is null ? b is null : b is not null && a.Version.Equals(b.Version) && a.IsTombstone == b.IsTombstone;

    [Property(MaxTest = 500)]
    public bool Merge_is_commutative(int a, int b) =>
        Same(LastWriterWins.Merge(Value(a), Value(b)), LastWriterWins.Merge(Value(b), Value(a)));

    [Property(MaxTest = 500)]
    public bool Merge_is_associative(int a, int b, int c) =>
        Same(
            LastWriterWins.Merge(LastWriterWins.Merge(Value(a), Value(b)), Value(c)),
            LastWriterWins.Merge(Value(a), LastWriterWins.Merge(Value(b), Value(c))));

    [Property(MaxTest = 500)]
    public bool Merge_is_idempotent(int a, int b)
    {
        var merged = LastWriterWins.Merge(Value(a), Value(b));
        return Same(LastWriterWins.Merge(merged, Value(b)), merged) && Same(LastWriterWins.Merge(Value(a), Value(a)), Value(a));
    }

    [Property(MaxTest = 300)]
    public Property Any_delivery_order_with_duplicates_converges_to_the_greatest_version() =>
        Prop.ForAll(
            Gen.ListOf(Gen.Choose(0, 63)).ToArbitrary(),
            Gen.Choose(0, int.MaxValue).ToArbitrary(),
            (writes, shuffleSeed) =>
            {
                if (writes.Count == 0)
                {
                    return true;
                }

                var values = writes.Select(Value).ToList();
                var random = new Random(shuffleSeed);
                var delivered = values.Concat(values.Take(values.Count / 2)).ToArray();
                random.Shuffle(delivered);
                var reshuffled = delivered.ToArray();
                random.Shuffle(reshuffled);
                var a = delivered.Aggregate((VersionedValue?)null, LastWriterWins.Merge);
                var b = reshuffled.Aggregate((VersionedValue?)null, LastWriterWins.Merge);
                var greatest = values.Max(v => v.Version)!;
                return Same(a, b) && a!.Version.Equals(greatest);
            });

    [Fact]
    public void A_newer_tombstone_beats_an_older_write_arriving_late()
    {
        var write = new VersionedValue(new WriteVersion(new HybridTimestamp(100, 0), "us-east"), [1], "text/plain");
        var delete = VersionedValue.Tombstone(new WriteVersion(new HybridTimestamp(200, 0), "eu-west"));

        LastWriterWins.Merge(delete, write).ShouldBeSameAs(delete);
        LastWriterWins.Supersedes(write, delete).ShouldBeFalse();
    }

    [Fact]
    public void A_write_after_a_tombstone_brings_the_key_back()
    {
        var delete = VersionedValue.Tombstone(new WriteVersion(new HybridTimestamp(200, 0), "eu-west"));
        var rewrite = new VersionedValue(new WriteVersion(new HybridTimestamp(200, 1), "us-east"), [2], "text/plain");

        LastWriterWins.Merge(delete, rewrite).ShouldBeSameAs(rewrite);
    }

    [Fact]
    public void Equal_timestamps_are_broken_by_region_name_the_same_way_everywhere()
    {
        var east = new WriteVersion(new HybridTimestamp(5, 5), "us-east");
        var west = new WriteVersion(new HybridTimestamp(5, 5), "eu-west");

        east.CompareTo(west).ShouldBePositive();
        west.CompareTo(east).ShouldBeNegative();
        east.ToETag().ShouldBe("\"5.5@us-east\"");
    }
}
