using GeoStore.Core.Leadership;
using Shouldly;

namespace GeoStore.Core.Tests.Leadership;

public sealed class FailoverChoiceTests
{
    private static readonly LeaderEpoch Current = new(3, "us-east");

    private static FailoverCandidate Follower(string region, long received, long applied, bool reachable = true, long epoch = 3) =>
        new(region, reachable, new LogPosition(3, received), applied, epoch);

    private static FailoverChoice Choose(
        IEnumerable<FailoverCandidate> candidates,
        AckRequirement? requirement = null,
        LogPosition? lastAcknowledged = null,
        string? target = null)
    {
        FailoverChoice.TryChoose(Current, requirement ?? AckRequirement.Async, candidates, lastAcknowledged, target, out var choice, out var error)
            .ShouldBeTrue(error);
        return choice;
    }

    private static string Refusal(IEnumerable<FailoverCandidate> candidates, string? target = null)
    {
        FailoverChoice.TryChoose(Current, AckRequirement.Async, candidates, null, target, out var choice, out var error).ShouldBeFalse();
        choice.ShouldBeNull();
        return error;
    }

    [Fact]
    public void Failover_promotes_the_reachable_follower_that_received_the_most()
    {
        var choice = Choose([Follower("eu-west", 40, 40), Follower("ap-south", 42, 30)]);

        choice.Target.Region.ShouldBe("ap-south");
        choice.Best.ShouldBe(choice.Target);
        choice.IsBehindBest.ShouldBeFalse();
    }

    [Fact]
    public void Promotion_takes_the_next_epoch_under_the_promoted_follower()
    {
        var choice = Choose([Follower("eu-west", 40, 40)]);

        choice.From.ShouldBe(Current);
        choice.NewEpoch.ShouldBe(new LeaderEpoch(4, "eu-west"));
    }

    [Fact]
    public void Among_followers_that_received_as_much_the_one_that_applied_more_wins()
    {
        var choice = Choose([Follower("eu-west", 42, 35), Follower("ap-south", 42, 41)]);

        choice.Target.Region.ShouldBe("ap-south");
    }

    [Fact]
    public void A_full_tie_is_broken_by_region_name_so_every_region_picks_the_same_follower()
    {
        Choose([Follower("eu-west", 42, 41), Follower("ap-south", 42, 41)]).Target.Region.ShouldBe("ap-south");
        Choose([Follower("ap-south", 42, 41), Follower("eu-west", 42, 41)]).Target.Region.ShouldBe("ap-south");
    }

    [Fact]
    public void An_unreachable_follower_is_not_promoted_however_far_ahead_it_was()
    {
        var choice = Choose([Follower("eu-west", 50, 50, reachable: false), Follower("ap-south", 42, 41)]);

        choice.Target.Region.ShouldBe("ap-south");
    }

    [Fact]
    public void A_follower_whose_log_ends_in_a_newer_epoch_beats_a_longer_log_of_an_older_epoch()
    {
        var newer = new FailoverCandidate("eu-west", true, new LogPosition(3, 20), 20, 3);
        var longerButOlder = new FailoverCandidate("ap-south", true, new LogPosition(2, 30), 30, 3);

        Choose([longerButOlder, newer]).Target.Region.ShouldBe("eu-west");
    }

    [Fact]
    public void A_named_target_is_promoted_and_reported_behind_the_best_one()
    {
        var choice = Choose([Follower("eu-west", 40, 40), Follower("ap-south", 42, 42)], target: "eu-west");

        choice.Target.Region.ShouldBe("eu-west");
        choice.Best.Region.ShouldBe("ap-south");
        choice.IsBehindBest.ShouldBeTrue();
        choice.Warnings.ShouldContain("eu-west is behind ap-south (received through 3:40 against 3:42); what it lacks goes to the orphaned-writes log.");
    }

    [Fact]
    public void A_named_target_that_cannot_be_reached_is_refused() =>
        Refusal([Follower("eu-west", 40, 40, reachable: false), Follower("ap-south", 42, 42)], target: "eu-west")
            .ShouldBe("eu-west cannot be reached, so it cannot be promoted; reachable followers: ap-south.");

    [Fact]
    public void A_named_target_that_is_not_a_follower_is_refused() =>
        Refusal([Follower("eu-west", 40, 40)], target: "moon").ShouldBe("'moon' is not a follower of this keyspace; its followers are eu-west.");

    [Fact]
    public void Naming_the_current_leader_as_target_is_refused() =>
        Refusal([Follower("eu-west", 40, 40)], target: "us-east").ShouldBe("us-east already leads epoch 3 (us-east).");

    [Fact]
    public void With_no_reachable_follower_there_is_no_promotion_and_the_reason_says_so() =>
        Refusal([Follower("eu-west", 40, 40, reachable: false), Follower("ap-south", 42, 42, reachable: false)])
            .ShouldBe("No follower is reachable to promote: ap-south, eu-west cannot be reached.");

    [Fact]
    public void A_keyspace_without_followers_cannot_fail_over() =>
        Refusal([]).ShouldBe("The keyspace has no followers to promote.");

    [Fact]
    public void A_follower_that_already_knows_a_newer_epoch_stops_a_racing_promotion() =>
        Refusal([Follower("eu-west", 40, 40), Follower("ap-south", 42, 42, reachable: false, epoch: 4)])
            .ShouldBe("ap-south already knows epoch 4, newer than epoch 3 (us-east): another promotion happened; learn that epoch instead of promoting.");

    [Fact]
    public void The_current_leader_as_a_candidate_is_a_bug_and_throws() =>
        Should.Throw<ArgumentException>(() => Choose([Follower("us-east", 40, 40)]));

    [Fact]
    public void A_follower_named_twice_is_a_bug_and_throws() =>
        Should.Throw<ArgumentException>(() => Choose([Follower("eu-west", 40, 40), Follower("eu-west", 41, 40)]));

    [Fact]
    public void A_follower_with_an_impossible_position_is_refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new FailoverCandidate("eu-west", true, new LogPosition(3, 40), 41, 3));
        Should.Throw<ArgumentOutOfRangeException>(() => new FailoverCandidate("eu-west", true, new LogPosition(4, 40), 40, 3));
        Should.Throw<ArgumentOutOfRangeException>(() => new FailoverCandidate("eu-west", true, LogPosition.Start, 0, 0));
    }

    [Fact]
    public void A_target_that_received_the_last_acknowledged_write_covers_every_acknowledged_write()
    {
        var choice = Choose([Follower("eu-west", 42, 40)], lastAcknowledged: new LogPosition(3, 42));

        choice.CoversAcknowledged.ShouldBe(true);
        choice.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public void A_target_short_of_the_last_acknowledged_write_is_reported_as_losing_it_to_the_orphan_log()
    {
        var choice = Choose([Follower("eu-west", 40, 40)], lastAcknowledged: new LogPosition(3, 42));

        choice.CoversAcknowledged.ShouldBe(false);
        choice.Warnings.ShouldBe(["eu-west lacks acknowledged writes (acknowledged through 3:42, received through 3:40); they go to the orphaned-writes log instead of the new leader."]);
    }

    [Fact]
    public void Under_sync_any_follower_holds_every_acknowledged_write_even_without_the_leaders_word() =>
        Choose([Follower("eu-west", 40, 40)], AckRequirement.Sync).CoversAcknowledged.ShouldBe(true);

    [Fact]
    public void Under_semi_sync_the_best_follower_holds_every_acknowledged_write_while_fewer_than_k_followers_are_unreachable()
    {
        var candidates = new[] { Follower("eu-west", 40, 40), Follower("ap-south", 42, 41), Follower("sa-east", 45, 45, reachable: false) };

        Choose(candidates, AckRequirement.SemiSync(2)).CoversAcknowledged.ShouldBe(true);
        Choose(candidates, AckRequirement.SemiSync(1)).CoversAcknowledged.ShouldBeNull();
        Choose(candidates, AckRequirement.SemiSync(2), target: "eu-west").CoversAcknowledged.ShouldBeNull();
    }

    [Fact]
    public void Under_semi_sync_with_an_async_fallback_the_leaders_word_is_needed()
    {
        var choice = Choose([Follower("eu-west", 40, 40)], AckRequirement.SemiSync(1, SemiSyncFallback.Async));

        choice.CoversAcknowledged.ShouldBeNull();
        choice.Warnings.ShouldBe(["Whether eu-west holds every write SemiSync(1, fallback Async) acknowledged is unknown; writes it lacks go to the orphaned-writes log."]);
    }

    [Fact]
    public void Under_async_without_the_leaders_word_it_is_unknown_what_was_lost() =>
        Choose([Follower("eu-west", 40, 40)]).CoversAcknowledged.ShouldBeNull();
}
