using GeoStore.Core.Clocks;
using GeoStore.Core.Crdts;
using Shouldly;

namespace GeoStore.Core.Tests.Crdts;

public sealed class CrdtMapTests
{
    private static readonly CrdtValue Empty = CrdtValue.Empty(CrdtType.Map);

    private static HybridTimestamp T(long wall) => new(wall, 0);

    private static CrdtOperation Likes(long by = 1) => CrdtOperation.Update("likes", CrdtOperation.Increment(by));

    private static string Render(CrdtValue value) => value.ToJson().ToJsonString();

    [Fact]
    public void Each_field_takes_the_type_of_the_operation_that_creates_it()
    {
        var state = Empty
            .Apply(Likes(2), "us-east", T(1))
            .Apply(CrdtOperation.Update("tags", CrdtOperation.Add("new", "hot")), "us-east", T(2))
            .Apply(CrdtOperation.Update("title", CrdtOperation.Assign("\"Hello\"")), "us-east", T(3));

        Render(state).ShouldBe(
            """{"type":"Map","fields":{"likes":{"type":"PnCounter","value":2},"tags":{"type":"OrSet","elements":["hot","new"]},"title":{"type":"LwwRegister","value":"Hello"}}}""");
        state.Map!.Get("likes")!.Type.ShouldBe(CrdtType.PnCounter);
    }

    [Fact]
    public void An_update_of_another_type_on_an_existing_field_is_refused()
    {
        var state = Empty.Apply(Likes(), "us-east", T(1));
        var add = CrdtOperation.Update("likes", CrdtOperation.Add("x"));

        state.Validate(add).ShouldBe("Field 'likes' has type PnCounter; 'add' needs type OrSet. Remove the field first to change its type.");
        Should.Throw<CrdtOperationException>(() => state.Apply(add, "us-east", T(2)));
    }

    [Fact]
    public void A_removed_field_can_come_back_with_another_type()
    {
        var state = Empty
            .Apply(Likes(), "us-east", T(1))
            .Apply(CrdtOperation.RemoveField("likes"), "us-east", T(2))
            .Apply(CrdtOperation.Update("likes", CrdtOperation.Add("x")), "us-east", T(3));

        Render(state).ShouldBe("""{"type":"Map","fields":{"likes":{"type":"OrSet","elements":["x"]}}}""");
    }

    [Fact]
    public void A_removal_that_saw_every_update_removes_the_field_everywhere()
    {
        var east = Empty.Apply(Likes(3), "us-east", T(1));
        var west = CrdtValue.Merge(Empty, east).Apply(CrdtOperation.RemoveField("likes"), "eu-west", T(2));

        Render(CrdtValue.Merge(east, west)).ShouldBe("""{"type":"Map","fields":{}}""");
        CrdtValue.Merge(west, east).ShouldBe(CrdtValue.Merge(east, west));
    }

    [Fact]
    public void An_increment_concurrent_with_a_removal_keeps_the_field_with_only_the_increments_the_removal_did_not_see()
    {
        var shared = Empty.Apply(Likes(10), "us-east", T(1));
        var removed = shared.Apply(CrdtOperation.RemoveField("likes"), "eu-west", T(2));
        var incremented = shared.Apply(Likes(2), "us-east", T(3));

        Render(CrdtValue.Merge(removed, incremented)).ShouldBe("""{"type":"Map","fields":{"likes":{"type":"PnCounter","value":2}}}""");
    }

    [Fact]
    public void An_add_concurrent_with_a_removal_keeps_only_the_elements_the_removal_did_not_see()
    {
        var shared = Empty.Apply(CrdtOperation.Update("tags", CrdtOperation.Add("old")), "us-east", T(1));
        var removed = shared.Apply(CrdtOperation.RemoveField("tags"), "eu-west", T(2));
        var added = shared.Apply(CrdtOperation.Update("tags", CrdtOperation.Add("new")), "ap-south", T(2));

        Render(CrdtValue.Merge(added, removed)).ShouldBe("""{"type":"Map","fields":{"tags":{"type":"OrSet","elements":["new"]}}}""");
    }

    [Fact]
    public void A_later_assignment_concurrent_with_a_removal_keeps_the_field_and_its_value()
    {
        var shared = Empty.Apply(CrdtOperation.Update("title", CrdtOperation.Assign("\"old\"")), "us-east", T(1));
        var removed = shared.Apply(CrdtOperation.RemoveField("title"), "eu-west", T(2));
        var assigned = shared.Apply(CrdtOperation.Update("title", CrdtOperation.Assign("\"new\"")), "ap-south", T(2));

        Render(CrdtValue.Merge(removed, assigned)).ShouldBe("""{"type":"Map","fields":{"title":{"type":"LwwRegister","value":"new"}}}""");
    }

    [Fact]
    public void A_late_copy_of_a_state_before_the_removal_does_not_bring_the_field_or_its_count_back()
    {
        var old = Empty.Apply(Likes(5), "us-east", T(1));
        var removed = old.Apply(CrdtOperation.RemoveField("likes"), "us-east", T(2));
        var recreated = CrdtValue.Merge(removed, old).Apply(Likes(), "us-east", T(3));

        Render(CrdtValue.Merge(recreated, old)).ShouldBe("""{"type":"Map","fields":{"likes":{"type":"PnCounter","value":1}}}""");
    }

    [Fact]
    public void Concurrent_creations_with_different_types_show_the_same_field_everywhere_until_it_is_removed()
    {
        var counter = Empty.Apply(Likes(), "us-east", T(1));
        var set = Empty.Apply(CrdtOperation.Update("likes", CrdtOperation.Add("x")), "eu-west", T(1));

        var merged = CrdtValue.Merge(set, counter);

        merged.ShouldBe(CrdtValue.Merge(counter, set));
        merged.Map!.Get("likes")!.Type.ShouldBe(CrdtType.PnCounter);
        merged.Validate(CrdtOperation.Update("likes", CrdtOperation.Add("y"))).ShouldNotBeNull();
        Render(merged.Apply(CrdtOperation.RemoveField("likes"), "eu-west", T(2))).ShouldBe("""{"type":"Map","fields":{}}""");
    }

    [Fact]
    public void Removing_a_field_that_does_not_exist_changes_nothing() =>
        Empty.Apply(CrdtOperation.RemoveField("ghost"), "us-east", T(1)).ShouldBe(Empty);
}
