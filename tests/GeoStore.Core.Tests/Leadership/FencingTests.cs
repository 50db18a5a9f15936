using GeoStore.Core.Leadership;
using Shouldly;

namespace GeoStore.Core.Tests.Leadership;

public sealed class FencingTests
{
    private static readonly LeaderEpoch Epoch2 = new(2, "eu-west");

    [Fact]
    public void A_message_of_the_current_epoch_is_accepted()
    {
        var decision = Fencing.Check(Epoch2, new LeaderEpoch(2, "eu-west"));

        decision.Verdict.ShouldBe(FencingVerdict.Accept);
        decision.IsAccepted.ShouldBeTrue();
        decision.MustAdopt.ShouldBeFalse();
        decision.Current.ShouldBe(Epoch2);
        decision.Problem.ShouldBeNull();
    }

    [Fact]
    public void A_zombie_leaders_write_is_fenced_naming_the_current_epoch_and_leader()
    {
        var decision = Fencing.Check(Epoch2, LeaderEpoch.First("us-east"));

        decision.Verdict.ShouldBe(FencingVerdict.RejectStale);
        decision.IsAccepted.ShouldBeFalse();
        decision.Current.ShouldBe(Epoch2);
        decision.Problem.ShouldBe("epoch 1 (us-east) is fenced: the current epoch is 2 and its leader is eu-west.");
    }

    [Fact]
    public void A_replica_that_hears_of_a_newer_epoch_adopts_it_before_processing()
    {
        var newer = new LeaderEpoch(4, "ap-south");

        var decision = Fencing.Check(Epoch2, newer);

        decision.Verdict.ShouldBe(FencingVerdict.LearnNewer);
        decision.IsAccepted.ShouldBeTrue();
        decision.MustAdopt.ShouldBeTrue();
        decision.Current.ShouldBe(newer);
    }

    [Fact]
    public void Once_a_newer_epoch_is_learned_the_epoch_it_replaced_is_fenced()
    {
        var learned = Fencing.Check(Epoch2, new LeaderEpoch(3, "ap-south")).Current;

        Fencing.Check(learned, Epoch2).Verdict.ShouldBe(FencingVerdict.RejectStale);
    }

    [Fact]
    public void Two_leaders_claiming_one_epoch_number_is_rejected_as_a_conflict()
    {
        var decision = Fencing.Check(Epoch2, new LeaderEpoch(2, "ap-south"));

        decision.Verdict.ShouldBe(FencingVerdict.RejectConflicting);
        decision.IsAccepted.ShouldBeFalse();
        decision.Current.ShouldBe(Epoch2);
        decision.Problem.ShouldBe("epoch 2 (ap-south) conflicts with epoch 2 (eu-west): two leaders claim epoch 2; the current leader is eu-west.");
    }

    [Fact]
    public void A_missing_epoch_is_a_bug_and_throws()
    {
        Should.Throw<ArgumentNullException>(() => Fencing.Check(null!, Epoch2));
        Should.Throw<ArgumentNullException>(() => Fencing.Check(Epoch2, null!));
    }
}
