using GeoStore.Core.Causality;
using Shouldly;

namespace GeoStore.Core.Tests.Causality;

public sealed class VersionVectorTests
{
    private static VersionVector Vector(params (string Region, long Counter)[] entries) =>
        new([.. entries.Select(e => new Dot(e.Region, e.Counter))]);

    [Fact]
    public void A_region_the_vector_does_not_name_reads_as_zero()
    {
        var vector = Vector(("us-east", 3));

        vector["us-east"].ShouldBe(3);
        vector["eu-west"].ShouldBe(0);
        VersionVector.Empty["us-east"].ShouldBe(0);
    }

    [Fact]
    public void It_covers_every_dot_of_a_region_up_to_its_entry()
    {
        var vector = Vector(("us-east", 3));

        vector.Covers(new("us-east", 1)).ShouldBeTrue();
        vector.Covers(new("us-east", 3)).ShouldBeTrue();
        vector.Covers(new("us-east", 4)).ShouldBeFalse();
        vector.Covers(new("eu-west", 1)).ShouldBeFalse();
    }

    [Fact]
    public void Join_takes_the_highest_counter_of_each_region()
    {
        var a = Vector(("us-east", 3), ("eu-west", 1));
        var b = Vector(("eu-west", 4), ("ap-south", 2));

        a.Join(b).ShouldBe(Vector(("ap-south", 2), ("eu-west", 4), ("us-east", 3)));
        b.Join(a).ShouldBe(a.Join(b));
        a.Join(VersionVector.Empty).ShouldBe(a);
    }

    [Fact]
    public void Descends_includes_equal_vectors_and_dominates_does_not()
    {
        var older = Vector(("us-east", 2));
        var newer = Vector(("us-east", 3), ("eu-west", 1));

        newer.Descends(older).ShouldBeTrue();
        newer.Dominates(older).ShouldBeTrue();
        older.Descends(newer).ShouldBeFalse();
        newer.Descends(newer).ShouldBeTrue();
        newer.Dominates(newer).ShouldBeFalse();
    }

    [Fact]
    public void Vectors_that_each_know_a_write_the_other_does_not_are_concurrent()
    {
        var east = Vector(("us-east", 1));
        var west = Vector(("eu-west", 1));

        east.IsConcurrentWith(west).ShouldBeTrue();
        east.Descends(west).ShouldBeFalse();
        east.Join(west).IsConcurrentWith(east).ShouldBeFalse();
    }

    [Fact]
    public void With_a_dot_covers_it_and_never_lowers_an_entry()
    {
        var vector = Vector(("us-east", 3));

        vector.With(new("us-east", 5)).ShouldBe(Vector(("us-east", 5)));
        vector.With(new("us-east", 2)).ShouldBeSameAs(vector);
        vector.With(new("eu-west", 1)).ShouldBe(Vector(("eu-west", 1), ("us-east", 3)));
        Should.Throw<ArgumentOutOfRangeException>(() => vector.With(new("eu-west", 0)));
    }

    [Fact]
    public void Next_is_the_dot_one_past_what_the_vector_knows_of_the_region()
    {
        var vector = Vector(("us-east", 3));

        vector.Next("us-east").ShouldBe(new Dot("us-east", 4));
        vector.Next("eu-west").ShouldBe(new Dot("eu-west", 1));
        vector.With(vector.Next("us-east")).ShouldBe(Vector(("us-east", 4)));
        Should.Throw<ArgumentException>(() => vector.Next(""));
    }

    [Fact]
    public void Vectors_built_in_different_orders_are_equal_records_with_equal_hash_codes()
    {
        var a = Vector(("us-east", 3), ("eu-west", 1), ("ap-south", 0));
        var b = Vector(("eu-west", 1), ("us-east", 2), ("us-east", 3));

        a.ShouldBe(b);
        a.GetHashCode().ShouldBe(b.GetHashCode());
        a.Entries.ShouldBe([new Dot("eu-west", 1), new Dot("us-east", 3)]);
        a.ToString().ShouldBe("{eu-west:1, us-east:3}");
        a.ShouldNotBe(Vector(("eu-west", 1), ("us-east", 4)));
    }

    [Fact]
    public void A_negative_counter_is_refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Vector(("us-east", -1)));
    }
}
