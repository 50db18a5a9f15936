using GeoStore.Core.Leadership;
using Shouldly;

namespace GeoStore.Core.Tests.Leadership;

public sealed class OrphanedWritesTests
{
    private sealed record Entry(long Epoch, long Sequence, string Key)
    {
        public LogPosition Position => new(Epoch, Sequence);
    }

    private static OrphanSplit<Entry> Split(IEnumerable<Entry> oldLog, params LogPosition[] newLog) =>
        OrphanedWrites.Split(oldLog, e => e.Position, newLog);

    private static LogPosition At(long epoch, long sequence) => new(epoch, sequence);

    [Fact]
    public void Writes_the_zombie_acknowledged_after_the_promoted_follower_stopped_receiving_are_orphaned()
    {
        Entry[] oldLog = [new(1, 10, "a"), new(1, 11, "b"), new(1, 12, "c")];

        var split = Split(oldLog, At(1, 9), At(1, 10), At(2, 11));

        split.Received.ShouldBe([oldLog[0]]);
        split.Orphaned.ShouldBe([oldLog[1], oldLog[2]]);
        split.IsEmpty.ShouldBeFalse();
    }

    [Fact]
    public void An_entry_the_new_leader_holds_at_the_same_sequence_under_another_epoch_is_still_orphaned()
    {
        // The new leader wrote its own sequence 11 in epoch 2; the zombie's 11 of epoch 1 is a different write.
        var split = Split([new Entry(1, 11, "zombie")], At(1, 10), At(2, 11));

        split.Received.ShouldBeEmpty();
        split.Orphaned.ShouldBe([new Entry(1, 11, "zombie")]);
    }

    [Fact]
    public void Nothing_is_orphaned_when_the_new_leader_received_everything()
    {
        Entry[] oldLog = [new(1, 10, "a"), new(1, 11, "b")];

        var split = Split(oldLog, At(1, 10), At(1, 11), At(2, 12));

        split.Received.ShouldBe(oldLog);
        split.IsEmpty.ShouldBeTrue();
    }

    [Fact]
    public void An_empty_old_log_has_no_orphans() =>
        Split([], At(1, 1)).IsEmpty.ShouldBeTrue();

    [Fact]
    public void A_held_entry_after_a_missing_one_means_the_positions_do_not_cover_the_range_and_throws() =>
        Should.Throw<ArgumentException>(() => Split([new(1, 10, "a"), new(1, 11, "b")], At(1, 11)))
            .Message.ShouldStartWith("The new leader holds 1:11 but not the earlier 1:10");

    [Fact]
    public void An_old_log_out_of_sequence_order_is_refused() =>
        Should.Throw<ArgumentException>(() => Split([new(1, 11, "a"), new(1, 10, "b")], At(1, 10)))
            .Message.ShouldStartWith("The old leader's log is out of order: 1:10 follows 1:11.");

    [Fact]
    public void An_old_log_whose_epoch_falls_is_refused() =>
        Should.Throw<ArgumentException>(() => Split([new(2, 10, "a"), new(1, 11, "b")]));
}
