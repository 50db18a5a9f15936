using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GeoStore.Core.Clocks;
using GeoStore.Core.Versioning;
using Shouldly;

namespace GeoStore.Core.Tests.Versioning;

public sealed class TimestampVectorTests
{
    private static readonly string[] Regions = ["us-east", "eu-west", "ap-south", "sa-east"];

    /// <summary>Timestamps from a small space, so vectors often share entries and often tie.</summary>
    private static readonly Gen<HybridTimestamp> Timestamps =
        from wall in Gen.Choose(1, 4)
        from logical in Gen.Choose(0, 2)
        select new HybridTimestamp(1_000 + wall, logical);

    private static readonly Gen<WriteVersion> Versions =
        from timestamp in Timestamps
        from region in Gen.Elements(Regions)
        select new WriteVersion(timestamp, region);

    /// <summary>Vectors built the way replicas build them: from the empty vector, by adding versions.</summary>
    private static readonly Gen<TimestampVector> Vectors =
        Versions.ListOf().Select(versions => versions.Aggregate(TimestampVector.Empty, (vector, version) => vector.With(version)));

    [Property(MaxTest = 500)]
    public Property Join_is_commutative() =>
        Prop.ForAll(Vectors.Two().ToArbitrary(), p => p.Item1.Join(p.Item2).Equals(p.Item2.Join(p.Item1)));

    [Property(MaxTest = 500)]
    public Property Join_is_associative() =>
        Prop.ForAll(Vectors.Three().ToArbitrary(), t => t.Item1.Join(t.Item2).Join(t.Item3).Equals(t.Item1.Join(t.Item2.Join(t.Item3))));

    [Property(MaxTest = 500)]
    public Property Join_is_idempotent() =>
        Prop.ForAll(
            Vectors.Two().ToArbitrary(),
            p =>
            {
                var joined = p.Item1.Join(p.Item2);
                return p.Item1.Join(p.Item1).Equals(p.Item1) && joined.Join(p.Item2).Equals(joined) && joined.Join(p.Item1).Equals(joined);
            });

    [Property(MaxTest = 500)]
    public Property Join_takes_the_newest_timestamp_of_every_region() =>
        Prop.ForAll(
            Vectors.Two().ToArbitrary(),
            p =>
            {
                var joined = p.Item1.Join(p.Item2);
                var expected = Regions.Where(r => p.Item1.Entries.ContainsKey(r) || p.Item2.Entries.ContainsKey(r))
                    .ToDictionary(r => r, r => p.Item1[r] > p.Item2[r] ? p.Item1[r] : p.Item2[r]);
                return joined.Entries.Count == expected.Count && expected.All(e => joined[e.Key] == e.Value);
            });

    [Property(MaxTest = 500)]
    public Property A_vector_dominates_another_exactly_when_joining_it_changes_nothing() =>
        Prop.ForAll(
            Vectors.Two().ToArbitrary(),
            p => p.Item1.Dominates(p.Item2) == p.Item1.Join(p.Item2).Equals(p.Item1)
                && p.Item1.Join(p.Item2).Dominates(p.Item1)
                && p.Item1.Join(p.Item2).Dominates(p.Item2));

    [Property(MaxTest = 500)]
    public Property Dominance_both_ways_is_equality() =>
        Prop.ForAll(
            Vectors.Two().ToArbitrary(),
            p => (p.Item1.Dominates(p.Item2) && p.Item2.Dominates(p.Item1)) == p.Item1.Equals(p.Item2)
                && p.Item1.Dominates(p.Item1));

    [Property(MaxTest = 500)]
    public Property A_vector_covers_a_version_exactly_when_adding_it_changes_nothing() =>
        Prop.ForAll(
            (from vector in Vectors from version in Versions select (vector, version)).ToArbitrary(),
            input =>
            {
                var (vector, version) = input;
                var added = vector.With(version);
                return vector.Covers(version) == added.Equals(vector)
                    && vector.Covers(version) == vector.Dominates(TimestampVector.Empty.With(version))
                    && added.Covers(version)
                    && added.Dominates(vector)
                    && added.Equals(vector.Join(TimestampVector.Empty.With(version)));
            });

    [Property(MaxTest = 500)]
    public Property A_vector_covers_every_earlier_write_of_a_region_and_no_later_one() =>
        Prop.ForAll(
            (from vector in Vectors from version in Versions from other in Timestamps select (vector, version, other)).ToArbitrary(),
            input =>
            {
                var added = input.vector.With(input.version);
                var probe = input.version with { Timestamp = input.other };
                return added.Covers(probe) == (input.other <= added[input.version.Region]);
            });

    [Property(MaxTest = 500)]
    public Property Equal_vectors_have_equal_hash_codes_whatever_order_they_were_built_in() =>
        Prop.ForAll(
            (from versions in Versions.ListOf() from seed in Gen.Choose(0, int.MaxValue) select (versions, seed)).ToArbitrary(),
            input =>
            {
                var forward = input.versions.Aggregate(TimestampVector.Empty, (v, w) => v.With(w));
                var shuffled = input.versions.ToArray();
                new Random(input.seed).Shuffle(shuffled);
                var backward = shuffled.Aggregate(TimestampVector.Empty, (v, w) => v.Join(TimestampVector.Empty.With(w)));
                return forward.Equals(backward) && forward.GetHashCode() == backward.GetHashCode();
            });

    [Fact]
    public void A_region_the_vector_does_not_name_reads_as_zero_and_covers_nothing()
    {
        var vector = TimestampVector.Empty.With(new WriteVersion(new HybridTimestamp(10, 2), "us-east"));

        vector["eu-west"].ShouldBe(HybridTimestamp.Zero);
        vector.Covers(new WriteVersion(new HybridTimestamp(1, 0), "eu-west")).ShouldBeFalse();
        vector.Covers(new WriteVersion(new HybridTimestamp(10, 2), "us-east")).ShouldBeTrue();
        vector.Covers(new WriteVersion(new HybridTimestamp(10, 3), "us-east")).ShouldBeFalse();
    }

    [Fact]
    public void Adding_an_older_write_of_a_region_keeps_the_newer_one()
    {
        var newer = TimestampVector.Empty.With(new WriteVersion(new HybridTimestamp(10, 0), "us-east"));

        newer.With(new WriteVersion(new HybridTimestamp(9, 5), "us-east")).ShouldBeSameAs(newer);
        newer.Join(null).ShouldBeSameAs(newer);
        newer.Join(TimestampVector.Empty).ShouldBeSameAs(newer);
    }

    [Fact]
    public void Vectors_that_each_saw_a_write_the_other_did_not_dominate_neither_way()
    {
        var east = TimestampVector.Empty.With(new WriteVersion(new HybridTimestamp(10, 0), "us-east"));
        var west = TimestampVector.Empty.With(new WriteVersion(new HybridTimestamp(5, 0), "eu-west"));

        east.Dominates(west).ShouldBeFalse();
        west.Dominates(east).ShouldBeFalse();
        east.Join(west).ToString().ShouldBe("eu-west=5.0, us-east=10.0");
    }
}
