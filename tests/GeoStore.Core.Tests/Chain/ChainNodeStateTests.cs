using GeoStore.Core.Chain;
using Shouldly;

namespace GeoStore.Core.Tests.Chain;

public sealed class ChainNodeStateTests
{
    private static ChainNodeState Received(string region, long through, bool asTail = false)
    {
        var state = ChainNodeState.Empty(region);
        for (var sequence = 1; sequence <= through; sequence++)
        {
            state = state.Apply(sequence, asTail);
        }

        return state;
    }

    [Fact]
    public void An_update_is_the_next_one_a_duplicate_or_after_a_gap()
    {
        var state = Received("eu-west", 3);

        state.Classify(4).ShouldBe(ChainArrival.Next);
        state.Classify(3).ShouldBe(ChainArrival.Duplicate);
        state.Classify(1).ShouldBe(ChainArrival.Duplicate);
        state.Classify(6).ShouldBe(ChainArrival.Gap);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    public void Updates_apply_in_order_and_once(long sequence) =>
        Should.Throw<InvalidOperationException>(() => Received("eu-west", 3).Apply(sequence, asTail: false)).Message.ShouldContain("applies 4 next");

    [Fact]
    public void The_head_numbers_its_next_write_one_past_the_last_it_holds()
    {
        ChainNodeState.Empty("us-east").NextSequence.ShouldBe(1);
        Received("us-east", 7).NextSequence.ShouldBe(8);
    }

    [Fact]
    public void The_tail_acknowledges_each_update_as_it_applies_it()
    {
        var tail = Received("ap-south", 4, asTail: true);

        tail.AcknowledgedThrough.ShouldBe(4);
        tail.Sent.ShouldBeEmpty();
    }

    [Fact]
    public void A_member_keeps_forwarded_updates_in_its_sent_set_until_the_tail_acknowledges_them()
    {
        var middle = Received("eu-west", 5);
        middle.Sent.ShouldBe([1, 2, 3, 4, 5]);

        var acknowledged = middle.Acknowledge(3);

        acknowledged.AcknowledgedThrough.ShouldBe(3);
        acknowledged.Sent.ShouldBe([4, 5]);
        middle.Sent.Count.ShouldBe(5, "a transition returns a new state");
    }

    [Fact]
    public void An_older_acknowledgement_changes_nothing()
    {
        var state = Received("eu-west", 5).Acknowledge(4);

        state.Acknowledge(2).ShouldBeSameAs(state);
        state.Acknowledge(4).ShouldBeSameAs(state);
    }

    [Fact]
    public void A_member_cannot_be_acknowledged_past_what_it_holds() =>
        Should.Throw<ArgumentOutOfRangeException>(() => Received("eu-west", 5).Acknowledge(6));

    [Fact]
    public void After_a_middle_failure_the_predecessor_resends_the_sent_updates_its_new_successor_lacks()
    {
        // us-east -> eu-west -> ap-south: eu-west got 1..6 and forwarded 1..4 before it failed;
        // the tail acknowledged 1..2 and us-east heard of it.
        var usEast = Received("us-east", 6).Acknowledge(2);
        var apSouth = Received("ap-south", 4, asTail: true);

        var resend = usEast.ResendTo(apSouth.ReceivedThrough);

        resend.ShouldBe([5, 6]);
        resend.ShouldBe(ChainRecovery.Resend(usEast.Sent, apSouth.ReceivedThrough));
    }

    [Fact]
    public void A_successor_that_holds_everything_gets_nothing_resent() =>
        Received("us-east", 6).ResendTo(6).ShouldBeEmpty();

    [Fact]
    public void A_successor_ahead_of_its_predecessor_breaks_the_prefix_property_and_is_refused() =>
        Should.Throw<ArgumentOutOfRangeException>(() => Received("us-east", 6).ResendTo(7));

    [Fact]
    public void After_a_tail_failure_the_new_tail_acknowledges_everything_it_holds()
    {
        var euWest = Received("eu-west", 6).Acknowledge(2);

        ChainRecovery.AcknowledgedByNewTail(euWest).ShouldBe([3, 4, 5, 6]);
        var tail = euWest.BecomeTail();

        tail.AcknowledgedThrough.ShouldBe(6);
        tail.Sent.ShouldBeEmpty();
        tail.BecomeTail().ShouldBeSameAs(tail);
    }

    [Fact]
    public void A_joiner_serves_reads_only_once_it_holds_all_the_tail_held_when_it_copied()
    {
        var tail = Received("ap-south", 8, asTail: true);

        var joiner = ChainNodeState.Joining("us-east", 5, tail);

        joiner.ReceivedThrough.ShouldBe(5);
        joiner.AcknowledgedThrough.ShouldBe(5, "all it copied was held by the tail");
        joiner.ReadFloor.ShouldBe(8);
        joiner.ServesReads.ShouldBeFalse();
        tail.ResendTo(joiner.ReceivedThrough).ShouldBe([6, 7, 8]);
        joiner.Apply(6, asTail: true).Apply(7, asTail: true).ServesReads.ShouldBeFalse();
        joiner.Apply(6, asTail: true).Apply(7, asTail: true).Apply(8, asTail: true).ServesReads.ShouldBeTrue();
    }

    [Fact]
    public void A_region_copying_from_a_joiner_still_catching_up_inherits_its_read_floor()
    {
        var behind = ChainNodeState.Joining("us-east", 5, Received("ap-south", 8, asTail: true));

        ChainNodeState.Joining("eu-west", 3, behind).ReadFloor.ShouldBe(8);
    }

    [Fact]
    public void A_joiner_cannot_copy_more_than_the_tail_holds() =>
        Should.Throw<ArgumentOutOfRangeException>(() => ChainNodeState.Joining("us-east", 9, Received("ap-south", 8, asTail: true)));

    [Fact]
    public void The_issues_chain_loses_no_acknowledged_write_when_its_middle_region_fails_with_writes_in_flight()
    {
        // us-east -> eu-west -> ap-south; three writes: the tail holds 1, eu-west holds 1..2, the head 1..3.
        var usEast = Received("us-east", 3);
        var apSouth = Received("ap-south", 1, asTail: true);
        usEast = usEast.Acknowledge(apSouth.AcknowledgedThrough);
        var chain = ChainConfiguration.Initial(["us-east", "eu-west", "ap-south"]).Without("eu-west");

        foreach (var sequence in usEast.ResendTo(apSouth.ReceivedThrough))
        {
            apSouth.Classify(sequence).ShouldBe(ChainArrival.Next);
            apSouth = apSouth.Apply(sequence, asTail: chain.IsTail("ap-south"));
        }

        usEast = usEast.Acknowledge(apSouth.AcknowledgedThrough);
        apSouth.AcknowledgedThrough.ShouldBe(3);
        usEast.Sent.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(-1, 0, 0)]
    [InlineData(2, 3, 0)]
    [InlineData(2, 1, -1)]
    public void Negative_sequences_and_acknowledgements_past_what_is_held_are_refused(long received, long acknowledged, long readFloor) =>
        Should.Throw<ArgumentOutOfRangeException>(() => new ChainNodeState("eu-west", received, acknowledged, readFloor));

    [Fact]
    public void A_state_needs_a_region() =>
        Should.Throw<ArgumentException>(() => ChainNodeState.Empty(""));
}
