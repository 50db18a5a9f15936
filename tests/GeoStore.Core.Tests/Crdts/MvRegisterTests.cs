using GeoStore.Core.Clocks;
using GeoStore.Core.Crdts;
using Shouldly;

namespace GeoStore.Core.Tests.Crdts;

public sealed class MvRegisterTests
{
    private static readonly CrdtValue Empty = CrdtValue.Empty(CrdtType.MvRegister);

    private static HybridTimestamp T(long wall) => new(wall, 0);

    [Fact]
    public void Concurrent_assignments_are_all_kept()
    {
        var initial = Empty.Apply(CrdtOperation.Assign("0"), "us-east", T(1));
        var east = initial.Apply(CrdtOperation.Assign("\"east\""), "us-east", T(2));
        var west = initial.Apply(CrdtOperation.Assign("\"west\""), "eu-west", T(2));

        CrdtValue.Merge(east, west).ToJson().ToJsonString().ShouldBe("""{"type":"MvRegister","values":["east","west"]}""");
        CrdtValue.Merge(west, east).ShouldBe(CrdtValue.Merge(east, west));
    }

    [Fact]
    public void An_assignment_that_saw_every_value_replaces_them_all()
    {
        var east = Empty.Apply(CrdtOperation.Assign("1"), "us-east", T(1));
        var west = Empty.Apply(CrdtOperation.Assign("2"), "eu-west", T(1));
        var resolved = CrdtValue.Merge(east, west).Apply(CrdtOperation.Assign("3"), "ap-south", T(1));

        CrdtValue.Merge(CrdtValue.Merge(east, resolved), west).MvRegister!.Texts.ShouldBe(["3"]);
    }

    [Fact]
    public void Equal_concurrent_values_render_once()
    {
        var east = Empty.Apply(CrdtOperation.Assign("\"same\""), "us-east", T(1));
        var west = Empty.Apply(CrdtOperation.Assign("\"same\""), "eu-west", T(1));

        var merged = CrdtValue.Merge(east, west);

        merged.MvRegister!.Values.Length.ShouldBe(2);
        merged.ToJson().ToJsonString().ShouldBe("""{"type":"MvRegister","values":["same"]}""");
    }
}
