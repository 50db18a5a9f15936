using GeoStore.Core.Clocks;
using GeoStore.Core.Crdts;
using Shouldly;

namespace GeoStore.Core.Tests.Crdts;

public sealed class PnCounterTests
{
    private static readonly CrdtValue Empty = CrdtValue.Empty(CrdtType.PnCounter);

    private static HybridTimestamp T(long wall) => new(wall, 0);

    [Fact]
    public void Increments_and_decrements_from_every_region_add_up()
    {
        var east = Empty.Apply(CrdtOperation.Increment(5), "us-east", T(1)).Apply(CrdtOperation.Decrement(2), "us-east", T(2));
        var west = Empty.Apply(CrdtOperation.Increment(10), "eu-west", T(1));

        var merged = CrdtValue.Merge(east, west);

        merged.Counter!.Value.ShouldBe(13);
        merged.ToJson().ToJsonString().ShouldBe("""{"type":"PnCounter","value":13}""");
    }

    [Fact]
    public void Merging_a_state_twice_counts_its_increments_once()
    {
        var west = Empty.Apply(CrdtOperation.Increment(3), "eu-west", T(1));
        var east = CrdtValue.Merge(Empty.Apply(CrdtOperation.Increment(), "us-east", T(1)), west);

        CrdtValue.Merge(CrdtValue.Merge(east, west), west).Counter!.Value.ShouldBe(4);
    }

    [Fact]
    public void A_region_total_that_would_pass_the_largest_long_is_refused()
    {
        var full = Empty.Apply(CrdtOperation.Increment(long.MaxValue), "us-east", T(1));

        Should.Throw<CrdtOperationException>(() => full.Apply(CrdtOperation.Increment(), "us-east", T(2)))
            .Message.ShouldContain("'us-east'");
    }

    [Fact]
    public void A_value_beyond_a_long_from_several_regions_renders_exactly()
    {
        var east = Empty.Apply(CrdtOperation.Increment(long.MaxValue), "us-east", T(1));
        var west = Empty.Apply(CrdtOperation.Increment(long.MaxValue), "eu-west", T(1));

        CrdtValue.Merge(east, west).ToJson()["value"]!.ToJsonString().ShouldBe("18446744073709551614");
    }
}
