using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GeoStore.Core.Chain;
using Shouldly;

namespace GeoStore.Core.Tests.Chain;

public sealed class ChainRecoveryTests
{
    [Fact]
    public void The_resend_list_is_the_sent_updates_after_what_the_successor_reports_in_order_and_once() =>
        ChainRecovery.Resend([9, 7, 5, 7, 8, 6], 6).ShouldBe([7, 8, 9]);

    [Fact]
    public void Nothing_is_resent_to_a_successor_that_holds_every_sent_update() =>
        ChainRecovery.Resend([5, 6], 6).ShouldBeEmpty();

    [Fact]
    public void A_sent_set_with_a_sequence_below_one_is_refused() =>
        Should.Throw<ArgumentOutOfRangeException>(() => ChainRecovery.Resend([0, 1], 0));

    [Fact]
    public void A_negative_report_is_refused() =>
        Should.Throw<ArgumentOutOfRangeException>(() => ChainRecovery.Resend([1], -1));

    [Fact]
    public void A_new_tail_acknowledges_its_whole_sent_set() =>
        ChainRecovery.AcknowledgedByNewTail(new ChainNodeState("eu-west", 9, 6)).ShouldBe([7, 8, 9]);

    [Property(MaxTest = 500)]
    public Property The_resend_list_holds_exactly_the_sent_updates_the_successor_has_not_received() =>
        Prop.ForAll(
            Gen.ListOf(Gen.Choose(1, 40)).ToArbitrary(),
            Gen.Choose(0, 45).ToArbitrary(),
            (sent, reported) =>
            {
                var resend = ChainRecovery.Resend(sent.Select(s => (long)s), reported);

                resend.ShouldBe(resend.Order().Distinct());
                Enumerable.Range(1, 45).ShouldAllBe(n => resend.Contains(n) == (sent.Contains(n) && n > reported));
            });

    [Property(MaxTest = 500)]
    public Property A_member_resends_what_the_paper_resends_when_the_successor_holds_every_acknowledged_update() =>
        Prop.ForAll(
            Gen.Choose(0, 30).SelectMany(received => Gen.Choose(0, received).SelectMany(acked => Gen.Choose(acked, received).Select(reported => (received, acked, reported)))).ToArbitrary(),
            t =>
            {
                var state = new ChainNodeState("us-east", t.received, t.acked);

                state.ResendTo(t.reported).ShouldBe(ChainRecovery.Resend(state.Sent, t.reported));
            });
}
