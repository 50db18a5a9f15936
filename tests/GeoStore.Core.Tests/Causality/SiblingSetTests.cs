using GeoStore.Core.Causality;
using GeoStore.Core.Clocks;
using GeoStore.Core.Versioning;
using Shouldly;

namespace GeoStore.Core.Tests.Causality;

public sealed class SiblingSetTests
{
    private const string East = "us-east";
    private const string West = "eu-west";

    private static VersionedValue Value(string region, long wallMs, string text) =>
        new(new WriteVersion(new HybridTimestamp(wallMs, 0), region), System.Text.Encoding.UTF8.GetBytes(text), "text/plain");

    private static VersionedValue Deleted(string region, long wallMs) =>
        VersionedValue.Tombstone(new WriteVersion(new HybridTimestamp(wallMs, 0), region));

    private static SiblingSet Write(SiblingSet set, string region, long wallMs, string text, VersionVector? seen = null) =>
        set.Update(seen ?? VersionVector.Empty, region, Value(region, wallMs, text)).Result;

    private static string[] Texts(SiblingSet set) =>
        [.. set.Siblings.Where(s => !s.IsTombstone).Select(s => System.Text.Encoding.UTF8.GetString(s.Value.Value!))];

    [Fact]
    public void The_first_write_in_a_region_gets_that_regions_first_dot()
    {
        var update = SiblingSet.Empty.Update(VersionVector.Empty, East, Value(East, 1, "a"));

        update.Dot.ShouldBe(new Dot(East, 1));
        update.Replaced.ShouldBeEmpty();
        update.Result.Siblings.ShouldHaveSingleItem().Dot.ShouldBe(new Dot(East, 1));
        update.Result.Context.ShouldBe(new VersionVector([new Dot(East, 1)]));
    }

    [Fact]
    public void A_write_without_context_keeps_every_sibling()
    {
        var set = Write(Write(SiblingSet.Empty, East, 1, "a"), East, 2, "b");

        var update = set.Update(VersionVector.Empty, East, Value(East, 3, "c"));

        update.Replaced.ShouldBeEmpty();
        update.Dot.ShouldBe(new Dot(East, 3));
        Texts(update.Result).ShouldBe(["a", "b", "c"]);
        update.Result.LiveCount.ShouldBe(3);
    }

    [Fact]
    public void A_write_with_the_read_context_replaces_exactly_the_siblings_it_saw()
    {
        var set = Write(Write(SiblingSet.Empty, East, 1, "a"), East, 2, "b");
        var readContext = set.Context;
        set = Write(set, East, 3, "written after the read");

        var update = set.Update(readContext, East, Value(East, 4, "resolved"));

        update.Replaced.Select(s => s.Dot).ShouldBe([new Dot(East, 1), new Dot(East, 2)]);
        Texts(update.Result).ShouldBe(["written after the read", "resolved"]);
    }

    [Fact]
    public void A_delete_with_context_leaves_a_tombstone_in_place_of_what_it_saw()
    {
        var set = Write(Write(SiblingSet.Empty, East, 1, "a"), East, 2, "b");

        var deleted = set.Update(set.Context, East, Deleted(East, 3)).Result;

        deleted.Siblings.ShouldHaveSingleItem().IsTombstone.ShouldBeTrue();
        deleted.LiveCount.ShouldBe(0);
        deleted.IsEmptyOrDeleted.ShouldBeTrue();
        deleted.Newest!.IsTombstone.ShouldBeTrue();
        SiblingSet.Empty.IsEmptyOrDeleted.ShouldBeTrue();
        set.IsEmptyOrDeleted.ShouldBeFalse();
    }

    [Fact]
    public void Concurrent_writes_in_two_regions_become_siblings_and_the_merge_reports_a_conflict()
    {
        var east = Write(SiblingSet.Empty, East, 1, "east");
        var west = Write(SiblingSet.Empty, West, 1, "west");

        var report = SiblingSet.MergeWithReport(east, west);

        report.IsConflict.ShouldBeTrue();
        report.Added.ShouldHaveSingleItem().Dot.ShouldBe(new Dot(West, 1));
        report.Dropped.ShouldBeEmpty();
        Texts(report.Result).ShouldBe(["west", "east"]);
        report.Result.Context.ShouldBe(new VersionVector([new Dot(East, 1), new Dot(West, 1)]));
    }

    [Fact]
    public void A_merge_drops_the_siblings_the_other_region_replaced_and_reports_them()
    {
        var east = Write(SiblingSet.Empty, East, 1, "v1");
        var west = SiblingSet.Merge(SiblingSet.Empty, east);
        west = Write(west, West, 2, "v2", seen: west.Context);

        var report = SiblingSet.MergeWithReport(east, west);

        report.Dropped.ShouldHaveSingleItem().Dot.ShouldBe(new Dot(East, 1));
        report.Added.ShouldHaveSingleItem().Dot.ShouldBe(new Dot(West, 1));
        report.IsConflict.ShouldBeFalse();
        report.Result.ShouldBe(west);
    }

    [Fact]
    public void A_write_that_saw_a_sibling_not_yet_replicated_here_replaces_it_when_it_arrives()
    {
        // The client read at eu-west, then wrote at us-east before eu-west's state got there.
        var west = Write(SiblingSet.Empty, West, 1, "west");
        var east = Write(SiblingSet.Empty, East, 1, "replaced", seen: west.Context);

        SiblingSet.Merge(east, west).ShouldBe(east);
        SiblingSet.Merge(west, east).ShouldBe(east);
    }

    [Fact]
    public void A_merge_keeps_a_sibling_the_other_region_has_not_seen()
    {
        var east = Write(SiblingSet.Empty, East, 1, "old");
        var west = SiblingSet.Merge(SiblingSet.Empty, east);
        east = Write(east, East, 2, "new", seen: east.Context);

        SiblingSet.Merge(west, east).ShouldBe(east);
        Texts(SiblingSet.Merge(west, east)).ShouldBe(["new"]);
    }

    [Fact]
    public void Newest_is_the_sibling_with_the_highest_write_version()
    {
        var set = Write(SiblingSet.Empty, East, 5, "later");
        set = SiblingSet.Merge(set, Write(SiblingSet.Empty, West, 9, "latest"));
        set = Write(set, East, 7, "middle");

        set.Newest!.Version.ShouldBe(new WriteVersion(new HybridTimestamp(9, 0), West));
        SiblingSet.Empty.Newest.ShouldBeNull();
    }

    [Fact]
    public void Sets_with_equal_siblings_and_context_are_equal_whatever_the_order_and_byte_arrays()
    {
        var context = new VersionVector([new Dot(East, 2), new Dot(West, 1)]);
        var a = new SiblingSet([new Sibling(new Dot(West, 1), Value(West, 1, "w")), new Sibling(new Dot(East, 2), Value(East, 2, "e"))], context);
        var b = new SiblingSet([new Sibling(new Dot(East, 2), Value(East, 2, "e")), new Sibling(new Dot(West, 1), Value(West, 1, "w"))], context);

        a.ShouldBe(b);
        a.GetHashCode().ShouldBe(b.GetHashCode());
        a.Siblings.Select(s => s.Dot).ShouldBe([new Dot(West, 1), new Dot(East, 2)]);
        a.ShouldNotBe(new SiblingSet([new Sibling(new Dot(West, 1), Value(West, 1, "w"))], context));
        a.ShouldNotBe(new SiblingSet([new Sibling(new Dot(East, 2), Value(East, 2, "different")), b.Siblings[0]], context));
    }

    [Fact]
    public void A_set_refuses_a_sibling_outside_its_context_or_two_siblings_with_one_dot()
    {
        var context = new VersionVector([new Dot(East, 1)]);

        Should.Throw<ArgumentException>(() => new SiblingSet([new Sibling(new Dot(East, 2), Value(East, 2, "x"))], context));
        Should.Throw<ArgumentException>(() => new SiblingSet(
            [new Sibling(new Dot(East, 1), Value(East, 1, "x")), new Sibling(new Dot(East, 1), Value(East, 1, "y"))], context));
    }

    [Fact]
    public void A_write_that_would_exceed_the_cap_is_refused_with_advice_to_write_back_with_the_context()
    {
        var set = Write(Write(SiblingSet.Empty, East, 1, "a"), East, 2, "b");

        var blind = SiblingSet.CheckCap(set, VersionVector.Empty, maxSiblings: 2);
        var withContext = SiblingSet.CheckCap(set, set.Context, maxSiblings: 2);

        blind.Allowed.ShouldBeFalse();
        blind.SiblingsAfterWrite.ShouldBe(3);
        blind.Error.ShouldNotBeNull().ShouldContain("causal context");
        withContext.Allowed.ShouldBeTrue();
        withContext.SiblingsAfterWrite.ShouldBe(1);
        withContext.Error.ShouldBeNull();
    }

    [Fact]
    public void Replication_merges_never_drop_siblings_to_honour_the_cap()
    {
        var east = Write(Write(SiblingSet.Empty, East, 1, "a"), East, 2, "b");
        var west = Write(Write(SiblingSet.Empty, West, 1, "c"), West, 2, "d");

        SiblingSet.CheckCap(east, VersionVector.Empty, maxSiblings: 2).Allowed.ShouldBeFalse();
        SiblingSet.Merge(east, west).Siblings.Length.ShouldBe(4);
    }
}
