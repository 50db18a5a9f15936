using GeoStore.Core.Clocks;
using GeoStore.Core.Crdts;
using Shouldly;

namespace GeoStore.Core.Tests.Crdts;

public sealed class LwwRegisterTests
{
    private static readonly CrdtValue Empty = CrdtValue.Empty(CrdtType.LwwRegister);

    [Fact]
    public void The_later_timestamp_wins_whatever_the_merge_order()
    {
        var early = Empty.Apply(CrdtOperation.Assign("\"early\""), "us-east", new HybridTimestamp(100, 0));
        var late = Empty.Apply(CrdtOperation.Assign("\"late\""), "ap-south", new HybridTimestamp(100, 1));

        CrdtValue.Merge(early, late).LwwRegister!.Json.ShouldBe("\"late\"");
        CrdtValue.Merge(late, early).LwwRegister!.Json.ShouldBe("\"late\"");
    }

    [Fact]
    public void Equal_timestamps_are_broken_by_region_name()
    {
        var east = Empty.Apply(CrdtOperation.Assign("1"), "us-east", new HybridTimestamp(100, 0));
        var west = Empty.Apply(CrdtOperation.Assign("2"), "eu-west", new HybridTimestamp(100, 0));

        CrdtValue.Merge(west, east).LwwRegister!.Json.ShouldBe("1");
    }

    [Fact]
    public void An_assignment_from_a_clock_behind_the_merged_value_loses_here_as_it_would_everywhere()
    {
        var ahead = Empty.Apply(CrdtOperation.Assign("\"ahead\""), "eu-west", new HybridTimestamp(500, 0));
        var behind = ahead.Apply(CrdtOperation.Assign("\"behind\""), "us-east", new HybridTimestamp(400, 0));

        behind.ShouldBe(ahead);
    }

    [Fact]
    public void The_value_renders_as_the_assigned_json_and_null_before_any_assignment()
    {
        Empty.ToJson().ToJsonString().ShouldBe("""{"type":"LwwRegister","value":null}""");
        Empty.Apply(CrdtOperation.Assign("""{"size":[1,2]}"""), "us-east", new HybridTimestamp(1, 0))
            .ToJson().ToJsonString().ShouldBe("""{"type":"LwwRegister","value":{"size":[1,2]}}""");
    }
}
