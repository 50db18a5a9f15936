using GeoStore.Core.Clocks;
using GeoStore.Core.Crdts;
using Shouldly;

namespace GeoStore.Core.Tests.Crdts;

public sealed class OrSetTests
{
    private static readonly CrdtValue Empty = CrdtValue.Empty(CrdtType.OrSet);

    private static HybridTimestamp T(long wall) => new(wall, 0);

    [Fact]
    public void Concurrent_add_wins_over_a_remove_that_did_not_see_it()
    {
        var shared = Empty.Apply(CrdtOperation.Add("a"), "us-east", T(1));
        var removed = shared.Apply(CrdtOperation.Remove("a"), "eu-west", T(2));
        var readded = shared.Apply(CrdtOperation.Add("a"), "ap-south", T(2));

        CrdtValue.Merge(removed, readded).Set!.Values.ShouldBe(["a"]);
        CrdtValue.Merge(readded, removed).Set!.Values.ShouldBe(["a"]);
    }

    [Fact]
    public void A_remove_that_saw_the_add_removes_the_element_everywhere()
    {
        var east = Empty.Apply(CrdtOperation.Add("a", "b"), "us-east", T(1));
        var west = CrdtValue.Merge(Empty, east).Apply(CrdtOperation.Remove("a"), "eu-west", T(2));

        CrdtValue.Merge(east, west).Set!.Values.ShouldBe(["b"]);
        CrdtValue.Merge(west, east).Set!.Values.ShouldBe(["b"]);
    }

    [Fact]
    public void A_late_copy_of_a_state_before_the_remove_does_not_bring_the_element_back()
    {
        var old = Empty.Apply(CrdtOperation.Add("a"), "us-east", T(1));
        var removed = old.Apply(CrdtOperation.Remove("a"), "us-east", T(2));

        CrdtValue.Merge(CrdtValue.Merge(removed, old), old).Set!.Contains("a").ShouldBeFalse();
    }

    [Fact]
    public void An_element_added_again_after_its_removal_is_present()
    {
        var state = Empty.Apply(CrdtOperation.Add("a"), "us-east", T(1))
            .Apply(CrdtOperation.Remove("a"), "us-east", T(2))
            .Apply(CrdtOperation.Add("a"), "us-east", T(3));

        state.ToJson().ToJsonString().ShouldBe("""{"type":"OrSet","elements":["a"]}""");
    }

    [Fact]
    public void Elements_render_in_ordinal_order()
    {
        var state = Empty.Apply(CrdtOperation.Add("b", "a", "B", "é"), "us-east", T(1));

        state.ToJson().ToJsonString().ShouldBe("""{"type":"OrSet","elements":["B","a","b","\u00E9"]}""");
    }

    [Fact]
    public void Adding_and_removing_forever_keeps_one_dot_per_element_and_one_counter_per_region()
    {
        var state = Empty;
        for (var i = 0; i < 200; i++)
        {
            state = state.Apply(i % 3 == 2 ? CrdtOperation.Remove("a") : CrdtOperation.Add("a"), i % 2 == 0 ? "us-east" : "eu-west", T(i));
        }

        state.Set!.Elements["a"].Length.ShouldBe(1);
        state.Set.Context.Entries.Length.ShouldBe(2);
    }

    [Fact]
    public void Sets_with_the_same_elements_but_different_histories_are_different_states()
    {
        var once = Empty.Apply(CrdtOperation.Add("a"), "us-east", T(1));
        var twice = once.Apply(CrdtOperation.Add("a"), "us-east", T(2));

        twice.ToJson().ToJsonString().ShouldBe(once.ToJson().ToJsonString());
        twice.ShouldNotBe(once);
        CrdtValue.Merge(twice, once).ShouldBe(twice);
    }
}
