using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GeoStore.Core.Chain;
using Shouldly;

namespace GeoStore.Core.Tests.Chain;

public sealed class CraqKeyStateTests
{
    [Fact]
    public void A_key_no_write_reached_reads_as_absent_without_asking_the_tail()
    {
        var read = CraqKeyState<string>.Empty.ReadLocally();

        read.ShouldBe(CraqRead<string>.Absent);
        read.MustAskTail.ShouldBeFalse();
        read.Exists.ShouldBeFalse();
    }

    [Fact]
    public void A_member_holding_an_uncommitted_version_sends_the_read_to_the_tail()
    {
        var key = CraqKeyState<string>.Empty.Apply(3, "a");

        key.IsClean.ShouldBeFalse();
        key.ReadLocally().ShouldBe(CraqRead<string>.AskTail);
    }

    [Fact]
    public void A_clean_key_answers_locally_with_its_committed_version()
    {
        var key = CraqKeyState<string>.Empty.Apply(3, "a").Commit(3);

        key.IsClean.ShouldBeTrue();
        key.ReadLocally().ShouldBe(CraqRead<string>.Found(3, "a"));
        key.ReadLocally().Exists.ShouldBeTrue();
    }

    [Fact]
    public void A_commit_makes_the_newest_acknowledged_version_clean_and_drops_the_older_ones()
    {
        var key = CraqKeyState<string>.Empty.Apply(2, "a").Apply(4, "b").Apply(7, "c");

        var committed = key.Commit(5);

        committed.Clean.ShouldBe(new CraqVersion<string>(4, "b"));
        committed.Dirty.ShouldBe([new CraqVersion<string>(7, "c")]);
        committed.CommittedVersion.ShouldBe(4);
        committed.NewestVersion.ShouldBe(7);
    }

    [Fact]
    public void An_acknowledgement_older_than_every_dirty_version_changes_nothing()
    {
        var key = CraqKeyState<string>.Empty.Apply(2, "a").Commit(2).Apply(4, "b");

        key.Commit(3).ShouldBeSameAs(key);
    }

    [Fact]
    public void After_asking_the_tail_a_member_returns_the_committed_version_not_its_newest()
    {
        var key = CraqKeyState<string>.Empty.Apply(2, "a").Commit(2).Apply(4, "b").Apply(7, "c");

        key.ReadAt(4).ShouldBe(CraqRead<string>.Found(4, "b"));
        key.ReadAt(2).ShouldBe(CraqRead<string>.Found(2, "a"));
        key.ReadAt(7).ShouldBe(CraqRead<string>.Found(7, "c"));
    }

    [Fact]
    public void When_the_tail_has_committed_no_version_yet_the_read_finds_nothing() =>
        CraqKeyState<string>.Empty.Apply(4, "b").ReadAt(0).ShouldBe(CraqRead<string>.Absent);

    [Fact]
    public void A_tail_report_older_than_a_commit_that_arrived_meanwhile_is_answered_with_the_clean_version() =>
        CraqKeyState<string>.Empty.Apply(2, "a").Apply(4, "b").Commit(4).ReadAt(2).ShouldBe(CraqRead<string>.Found(4, "b"));

    [Theory]
    [InlineData(5)]
    [InlineData(9)]
    public void A_committed_version_the_member_never_held_is_refused(long reported) =>
        Should.Throw<ArgumentOutOfRangeException>(() => CraqKeyState<string>.Empty.Apply(4, "b").Apply(7, "c").ReadAt(reported));

    [Theory]
    [InlineData(4)]
    [InlineData(3)]
    public void Versions_apply_in_increasing_order(long version) =>
        Should.Throw<ArgumentOutOfRangeException>(() => CraqKeyState<string>.Empty.Apply(4, "b").Apply(version, "c"));

    [Fact]
    public void A_state_whose_versions_do_not_increase_is_refused() =>
        Should.Throw<ArgumentException>(() => new CraqKeyState<string>(new CraqVersion<string>(5, "a"), [new CraqVersion<string>(5, "b")]));

    [Property(MaxTest = 500)]
    public Property Reads_follow_a_model_of_committed_and_uncommitted_writes() =>
        Prop.ForAll(Gen.ListOf(Gen.Choose(0, 9)).ToArbitrary(), steps =>
        {
            var key = CraqKeyState<int>.Empty;
            var writes = new List<long>();
            long sequence = 0, acknowledged = 0;
            foreach (var step in steps)
            {
                if (step < 6)
                {
                    // Sequences run over the whole chain: other keys' writes leave holes here.
                    sequence += 1 + (step % 3);
                    writes.Add(sequence);
                    key = key.Apply(sequence, (int)sequence * 10);
                }
                else
                {
                    acknowledged = Math.Max(acknowledged, sequence - (step - 6));
                    key = key.Commit(acknowledged);
                }

                var committed = writes.LastOrDefault(w => w <= acknowledged);
                var read = key.ReadLocally();
                read.MustAskTail.ShouldBe(writes.Any(w => w > acknowledged));
                key.ReadAt(committed).ShouldBe(committed == 0 ? CraqRead<int>.Absent : CraqRead<int>.Found(committed, (int)committed * 10));
                if (!read.MustAskTail)
                {
                    read.ShouldBe(key.ReadAt(committed));
                }
            }
        });
}
