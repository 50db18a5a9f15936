using System.Collections.Immutable;
using GeoStore.Core.Leadership;
using Shouldly;

namespace GeoStore.Core.Tests.Leadership;

public sealed class FailoverChoiceTests
{
    private static readonly LeaderEpoch Current = new(3, "us-east");

    /// <summary>A follower with its received position per shard, given as shard 0, 1, ... in order.</summary>
    private static FailoverCandidate Follower(string region, long[] shards, bool prepared = true, long epoch = 3) =>
        new(region, prepared, shards.Select((s, i) => (s, i)).Where(p => p.s > 0).ToImmutableDictionary(p => p.i, p => p.s), epoch);

    private static FailoverChoice Choose(IEnumerable<FailoverCandidate> candidates, AckRequirement? requirement = null, string? target = null, bool force = false)
    {
        FailoverChoice.TryChoose(Current, requirement ?? AckRequirement.Async, candidates, target, force, out var choice, out var refusal)
            .ShouldBeTrue(refusal?.Message);
        return choice;
    }

    private static FailoverRefusal Refusal(IEnumerable<FailoverCandidate> candidates, AckRequirement? requirement = null, string? target = null)
    {
        FailoverChoice.TryChoose(Current, requirement ?? AckRequirement.Async, candidates, target, force: false, out var choice, out var refusal).ShouldBeFalse();
        choice.ShouldBeNull();
        return refusal;
    }

    [Fact]
    public void Failover_promotes_the_follower_that_received_the_most_on_every_shard()
    {
        var choice = Choose([Follower("eu-west", [40, 7]), Follower("ap-south", [42, 9])], AckRequirement.SemiSync(1));

        choice.Target.Region.ShouldBe("ap-south");
        choice.Fork.ShouldBe(choice.Target.ReceivedThrough);
        choice.CoversAcknowledged.ShouldBe(true);
        choice.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public void Promotion_takes_the_next_epoch_under_the_promoted_follower()
    {
        var choice = Choose([Follower("eu-west", [40])]);

        choice.From.ShouldBe(Current);
        choice.NewEpoch.ShouldBe(new LeaderEpoch(4, "eu-west"));
    }

    [Fact]
    public void A_tie_is_broken_by_region_name_so_every_region_picks_the_same_follower()
    {
        Choose([Follower("eu-west", [42, 1]), Follower("ap-south", [42, 1])]).Target.Region.ShouldBe("ap-south");
        Choose([Follower("ap-south", [42, 1]), Follower("eu-west", [42, 1])]).Target.Region.ShouldBe("ap-south");
    }

    [Fact]
    public void A_tie_goes_to_the_region_the_failover_runs_in_when_it_is_one_of_the_tied()
    {
        FailoverChoice.TryChoose(Current, AckRequirement.SemiSync(1), [Follower("eu-west", [42, 1]), Follower("ap-south", [42, 1])], null, false, out var choice, out _, preferred: "eu-west").ShouldBeTrue();
        choice.Target.Region.ShouldBe("eu-west");

        // Not over a follower that received more.
        FailoverChoice.TryChoose(Current, AckRequirement.SemiSync(1), [Follower("eu-west", [41, 1]), Follower("ap-south", [42, 1])], null, false, out choice, out _, preferred: "eu-west").ShouldBeTrue();
        choice.Target.Region.ShouldBe("ap-south");
    }

    [Fact]
    public void An_unprepared_follower_is_not_promoted_however_far_ahead_it_was()
    {
        var choice = Choose([Follower("eu-west", [50], prepared: false), Follower("ap-south", [42])]);

        choice.Target.Region.ShouldBe("ap-south");
    }

    [Fact]
    public void A_larger_sum_does_not_win_when_it_lacks_a_shard_another_follower_has()
    {
        // The review's case: eu-west {1:5, 2:2} = 7, ap-south {1:1, 2:8} = 10. Neither holds both
        // shard 1's write 5 and shard 2's write 8, each possibly acknowledged by one follower.
        var refusal = Refusal([Follower("eu-west", [0, 5, 2]), Follower("ap-south", [0, 1, 8])], AckRequirement.SemiSync(1));

        refusal.Kind.ShouldBe(FailoverRefusalKind.NoneHoldsAll);
        refusal.Forcible.ShouldBeTrue();
        refusal.Message.ShouldContain("eu-west: shard 2 through 2, ap-south through 8");
        refusal.Message.ShouldContain("ap-south: shard 1 through 1, eu-west through 5");
    }

    [Fact]
    public void Forced_the_most_received_follower_is_promoted_and_the_choice_does_not_claim_coverage()
    {
        var choice = Choose([Follower("eu-west", [0, 5, 2]), Follower("ap-south", [0, 1, 8])], AckRequirement.SemiSync(1), force: true);

        choice.Target.Region.ShouldBe("ap-south");
        choice.CoversAcknowledged.ShouldBe(false);
        choice.Warnings.ShouldHaveSingleItem().ShouldStartWith("FORCED: No follower holds every write that may have been acknowledged");
    }

    [Fact]
    public void Under_async_the_most_received_follower_is_promoted_with_a_warning_when_none_holds_all()
    {
        var choice = Choose([Follower("eu-west", [0, 5, 2]), Follower("ap-south", [0, 1, 8])]);

        choice.Target.Region.ShouldBe("ap-south");
        choice.CoversAcknowledged.ShouldBeNull();
        choice.Warnings.ShouldBe([
            "ap-south lacks entries another follower received (shard 1 through 1, eu-west through 5); under Async they may have been acknowledged, and they go to the orphaned-writes log.",
            "Async acknowledges a write before any follower has it: writes the old leader acknowledged that ap-south never received go to the orphaned-writes log.",
        ]);
    }

    [Fact]
    public void Under_sync_one_prepared_follower_is_enough_because_every_acknowledged_write_reached_every_follower()
    {
        var choice = Choose([Follower("eu-west", [40]), Follower("ap-south", [45], prepared: false)], AckRequirement.Sync);

        choice.Target.Region.ShouldBe("eu-west");
        choice.CoversAcknowledged.ShouldBe(true);
        choice.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public void SemiSync_that_reaches_too_few_followers_is_refused_and_says_why()
    {
        var refusal = Refusal([Follower("eu-west", [40]), Follower("ap-south", [40], prepared: false)], AckRequirement.SemiSync(1));

        refusal.Kind.ShouldBe(FailoverRefusalKind.TooFewPrepared);
        refusal.Message.ShouldBe("SemiSync(1) acknowledged writes that only 1 of the 2 followers had; 2 must answer to be sure one of them holds every acknowledged write, but only 1 did (eu-west; unreachable: ap-south). Promoting now could lose acknowledged writes: wait until more followers are reachable, or repeat with \"force\": true.");
    }

    [Fact]
    public void Under_sync_every_prepared_follower_holds_every_acknowledged_write_so_any_may_be_named()
    {
        var candidates = new[] { Follower("eu-west", [40, 3]), Follower("ap-south", [42, 1]) };

        // Auto prefers a follower at the frontier; there is none (each is ahead on one shard), and none is needed.
        var auto = Choose(candidates, AckRequirement.Sync);
        auto.Target.Region.ShouldBe("ap-south");
        auto.CoversAcknowledged.ShouldBe(true);

        var named = Choose(candidates, AckRequirement.Sync, target: "eu-west");
        named.CoversAcknowledged.ShouldBe(true);
        named.Warnings.ShouldBe(["eu-west lacks entries another follower received (shard 0 through 40, ap-south through 42); none of them was acknowledged, and they go to the orphaned-writes log."]);
    }

    [Fact]
    public void What_may_have_been_acknowledged_is_the_kth_furthest_position_less_the_followers_that_did_not_answer()
    {
        var prepared = new[] { Follower("a", [10, 4]), Follower("b", [7, 9]), Follower("c", [3, 6]) };

        // SemiSync(2) of 3, all answered: a write two followers have may be acknowledged.
        FailoverChoice.MayBeAcknowledged(AckRequirement.SemiSync(2), 3, prepared).ShouldBe(ImmutableDictionary<int, long>.Empty.Add(0, 7).Add(1, 6));

        // SemiSync(2) of 4, one silent: the silent one may have any write, so one prepared follower is enough.
        FailoverChoice.MayBeAcknowledged(AckRequirement.SemiSync(2), 4, prepared).ShouldBe(ImmutableDictionary<int, long>.Empty.Add(0, 10).Add(1, 9));

        // Sync of 3: only what all have.
        FailoverChoice.MayBeAcknowledged(AckRequirement.Sync, 3, prepared).ShouldBe(ImmutableDictionary<int, long>.Empty.Add(0, 3).Add(1, 4));
        // Sync of 4, one silent: still only what every prepared one has (the silent one had it too).
        FailoverChoice.MayBeAcknowledged(AckRequirement.Sync, 4, prepared).ShouldBe(ImmutableDictionary<int, long>.Empty.Add(0, 3).Add(1, 4));

        // SemiSync(1) of 4 with two silent: a write only a silent follower has may be acknowledged.
        Should.Throw<ArgumentException>(() => FailoverChoice.MayBeAcknowledged(AckRequirement.SemiSync(1), 4, prepared[..2]));
    }

    [Fact]
    public void SemiSync_k_needs_all_but_k_minus_one_followers_prepared()
    {
        FailoverChoice.PreparedNeeded(AckRequirement.SemiSync(1), 2).ShouldBe(2);
        FailoverChoice.PreparedNeeded(AckRequirement.SemiSync(2), 2).ShouldBe(1);
        FailoverChoice.PreparedNeeded(AckRequirement.SemiSync(2), 4).ShouldBe(3);
        FailoverChoice.PreparedNeeded(AckRequirement.Sync, 4).ShouldBe(1);
        FailoverChoice.PreparedNeeded(AckRequirement.Async, 4).ShouldBe(1);
        FailoverChoice.PreparedNeeded(AckRequirement.SemiSync(1, SemiSyncFallback.Async), 4).ShouldBe(1);

        // A follower cut off alone with SemiSync(1): the other may hold a write only it acknowledged.
        Refusal([Follower("eu-west", [40]), Follower("ap-south", [0], prepared: false)], AckRequirement.SemiSync(1)).Kind.ShouldBe(FailoverRefusalKind.TooFewPrepared);
        Choose([Follower("eu-west", [40]), Follower("ap-south", [0], prepared: false)], AckRequirement.SemiSync(2)).CoversAcknowledged.ShouldBe(true);
    }

    [Fact]
    public void A_named_target_behind_another_prepared_follower_is_refused_under_a_guarantee_and_warned_under_async()
    {
        var candidates = new[] { Follower("eu-west", [40]), Follower("ap-south", [42]) };

        var refusal = Refusal(candidates, AckRequirement.SemiSync(1), target: "eu-west");
        refusal.Kind.ShouldBe(FailoverRefusalKind.TargetBehind);
        refusal.Message.ShouldBe("eu-west lacks entries other followers received (shard 0 through 40, ap-south through 42); they may be acknowledged writes. Promote ap-south instead, or repeat with \"force\": true.");

        var choice = Choose(candidates, target: "eu-west");
        choice.Target.Region.ShouldBe("eu-west");
        choice.Fork.ShouldBe(ImmutableDictionary<int, long>.Empty.Add(0, 40));
    }

    [Fact]
    public void Under_semi_sync_with_an_async_fallback_nothing_is_claimed()
    {
        var choice = Choose([Follower("eu-west", [40])], AckRequirement.SemiSync(1, SemiSyncFallback.Async));

        choice.CoversAcknowledged.ShouldBeNull();
        choice.Warnings.ShouldBe(["SemiSync(1, fallback Async) acknowledges a write before any follower has it: writes the old leader acknowledged that eu-west never received go to the orphaned-writes log."]);
    }

    [Fact]
    public void A_named_target_that_cannot_be_reached_is_refused() =>
        Refusal([Follower("eu-west", [40], prepared: false), Follower("ap-south", [42])], target: "eu-west")
            .ShouldBe(new FailoverRefusal(FailoverRefusalKind.Unreachable, "eu-west cannot be reached, so it cannot be promoted; reachable followers: ap-south."));

    [Fact]
    public void A_named_target_that_is_not_a_follower_is_refused() =>
        Refusal([Follower("eu-west", [40])], target: "moon").ShouldBe(new FailoverRefusal(FailoverRefusalKind.NotAFollower, "'moon' is not a follower of this keyspace; its followers are eu-west."));

    [Fact]
    public void Naming_the_current_leader_as_target_is_refused() =>
        Refusal([Follower("eu-west", [40])], target: "us-east").Message.ShouldBe("us-east already leads epoch 3 (us-east).");

    [Fact]
    public void With_no_reachable_follower_there_is_no_promotion_and_the_reason_says_so() =>
        Refusal([Follower("eu-west", [40], prepared: false), Follower("ap-south", [42], prepared: false)])
            .ShouldBe(new FailoverRefusal(FailoverRefusalKind.Unreachable, "No follower could be reached to promote: ap-south, eu-west."));

    [Fact]
    public void A_keyspace_without_followers_cannot_fail_over() =>
        Refusal([]).Message.ShouldBe("The keyspace has no followers to promote.");

    [Fact]
    public void A_follower_that_already_knows_a_newer_epoch_stops_a_racing_promotion() =>
        Refusal([Follower("eu-west", [40]), Follower("ap-south", [42], prepared: false, epoch: 4)])
            .ShouldBe(new FailoverRefusal(FailoverRefusalKind.NewerEpoch, "ap-south already knows epoch 4, newer than epoch 3 (us-east): another promotion happened."));

    [Fact]
    public void The_current_leader_as_a_candidate_is_a_bug_and_throws() =>
        Should.Throw<ArgumentException>(() => Choose([Follower("us-east", [40])]));

    [Fact]
    public void A_follower_named_twice_is_a_bug_and_throws() =>
        Should.Throw<ArgumentException>(() => Choose([Follower("eu-west", [40]), Follower("eu-west", [41])]));

    [Fact]
    public void A_follower_with_an_impossible_position_is_refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new FailoverCandidate("eu-west", true, ImmutableDictionary<int, long>.Empty.Add(0, -1), 3));
        Should.Throw<ArgumentOutOfRangeException>(() => new FailoverCandidate("eu-west", true, ImmutableDictionary<int, long>.Empty.Add(-1, 4), 3));
        Should.Throw<ArgumentOutOfRangeException>(() => new FailoverCandidate("eu-west", true, ImmutableDictionary<int, long>.Empty, 0));
    }
}
