using GeoStore.Core.Clocks;
using GeoStore.Core.Crdts;
using Shouldly;

namespace GeoStore.Core.Tests.Crdts;

public sealed class CrdtValueTests
{
    private static HybridTimestamp T(long wall) => new(wall, 0);

    [Theory]
    [InlineData(CrdtType.PnCounter, """{"type":"PnCounter","value":0}""")]
    [InlineData(CrdtType.OrSet, """{"type":"OrSet","elements":[]}""")]
    [InlineData(CrdtType.LwwRegister, """{"type":"LwwRegister","value":null}""")]
    [InlineData(CrdtType.MvRegister, """{"type":"MvRegister","values":[]}""")]
    [InlineData(CrdtType.Map, """{"type":"Map","fields":{}}""")]
    public void An_empty_state_renders_its_type_and_nothing_else(CrdtType type, string json)
    {
        var empty = CrdtValue.Empty(type);

        empty.Type.ShouldBe(type);
        empty.ToJson().ToJsonString().ShouldBe(json);
    }

    [Fact]
    public void Merging_states_of_different_types_is_refused() =>
        Should.Throw<ArgumentException>(() => CrdtValue.Merge(CrdtValue.Empty(CrdtType.OrSet), CrdtValue.Empty(CrdtType.MvRegister)));

    [Fact]
    public void Apply_refuses_an_operation_of_another_type_or_a_malformed_one()
    {
        var counter = CrdtValue.Empty(CrdtType.PnCounter);

        Should.Throw<CrdtOperationException>(() => counter.Apply(CrdtOperation.Add("a"), "us-east", T(1)));
        Should.Throw<CrdtOperationException>(() => counter.Apply(CrdtOperation.Increment(-1), "us-east", T(1)));
        Should.Throw<CrdtOperationException>(() => CrdtValue.Empty(CrdtType.LwwRegister).Apply(CrdtOperation.Assign("{nope"), "us-east", T(1)));
        Should.Throw<ArgumentException>(() => counter.Apply(CrdtOperation.Increment(), "", T(1)));
    }

    [Fact]
    public void Apply_leaves_the_state_it_was_given_unchanged()
    {
        var before = CrdtValue.Empty(CrdtType.OrSet).Apply(CrdtOperation.Add("a"), "us-east", T(1));
        var copy = CrdtValue.Merge(before, before);

        before.Apply(CrdtOperation.Remove("a"), "us-east", T(2));

        before.ShouldBe(copy);
        before.Set!.Contains("a").ShouldBeTrue();
    }

    [Fact]
    public void Every_kind_of_state_survives_an_orleans_serialization_round_trip()
    {
        CrdtValue[] states =
        [
            CrdtValue.Empty(CrdtType.PnCounter).Apply(CrdtOperation.Increment(4), "us-east", T(1)).Apply(CrdtOperation.Decrement(), "eu-west", T(1)),
            CrdtValue.Empty(CrdtType.OrSet).Apply(CrdtOperation.Add("a", "b"), "us-east", T(1)).Apply(CrdtOperation.Remove("a"), "us-east", T(2)),
            CrdtValue.Empty(CrdtType.LwwRegister).Apply(CrdtOperation.Assign("""{"x":1}"""), "us-east", T(1)),
            CrdtValue.Merge(
                CrdtValue.Empty(CrdtType.MvRegister).Apply(CrdtOperation.Assign("1"), "us-east", T(1)),
                CrdtValue.Empty(CrdtType.MvRegister).Apply(CrdtOperation.Assign("2"), "eu-west", T(1))),
            CrdtValue.Empty(CrdtType.Map)
                .Apply(CrdtOperation.Update("likes", CrdtOperation.Increment()), "us-east", T(1))
                .Apply(CrdtOperation.Update("tags", CrdtOperation.Add("t")), "us-east", T(2))
                .Apply(CrdtOperation.RemoveField("likes"), "us-east", T(3))
                .Apply(CrdtOperation.Update("title", CrdtOperation.Assign("\"x\"")), "us-east", T(4)),
        ];

        foreach (var state in states)
        {
            var copy = CoreSerializer.RoundTrip(state);

            copy.ShouldBe(state);
            copy.ToJson().ToJsonString().ShouldBe(state.ToJson().ToJsonString());
            CrdtValue.Merge(copy, state).ShouldBe(state);
        }
    }

    [Fact]
    public void An_operation_survives_an_orleans_serialization_round_trip()
    {
        var operation = CrdtOperation.Update("tags", CrdtOperation.Add("a", "b"));

        CoreSerializer.RoundTrip(operation).ShouldBe(operation);
    }
}
