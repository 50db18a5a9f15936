using GeoStore.Core.Leadership;
using Shouldly;

namespace GeoStore.Core.Tests.Leadership;

public sealed class ReplicationAcksTests
{
    private static readonly LeaderEpoch Epoch = new(2, "us-east");
    private static readonly string[] Followers = ["eu-west", "ap-south"];

    private static WriteReach Evaluate(AckRequirement requirement, long sequence, bool timedOut, params FollowerPosition[] positions) =>
        ReplicationAcks.Evaluate(requirement, Epoch, sequence, Followers, positions, timedOut);

    [Fact]
    public void An_async_write_is_acknowledged_once_durable_at_the_leader_before_any_follower_has_it()
    {
        var reach = Evaluate(AckRequirement.Async, 5, timedOut: false);

        reach.Status.ShouldBe(AckStatus.Acknowledged);
        reach.Epoch.ShouldBe(Epoch);
        reach.Sequence.ShouldBe(5);
        reach.Required.ShouldBe(0);
        reach.Received.ShouldBeEmpty();
        reach.Missing.ShouldBe(["ap-south", "eu-west"]);
        reach.Degraded.ShouldBeFalse();
    }

    [Fact]
    public void A_semi_sync_write_waits_until_k_followers_have_received_it()
    {
        var reach = Evaluate(AckRequirement.SemiSync(1), 5, timedOut: false, new FollowerPosition("eu-west", 4, 4));

        reach.Status.ShouldBe(AckStatus.Waiting);
        reach.Missing.ShouldBe(["ap-south", "eu-west"]);
    }

    [Fact]
    public void A_semi_sync_write_is_acknowledged_when_k_followers_received_it_without_applying_it()
    {
        var reach = Evaluate(AckRequirement.SemiSync(1), 5, timedOut: false, new FollowerPosition("eu-west", 5, 0));

        reach.Status.ShouldBe(AckStatus.Acknowledged);
        reach.Received.ShouldBe(["eu-west"]);
        reach.Applied.ShouldBeEmpty();
        reach.Missing.ShouldBe(["ap-south"]);
    }

    [Fact]
    public void A_semi_sync_write_that_times_out_fails_when_the_policy_does_not_fall_back()
    {
        var reach = Evaluate(AckRequirement.SemiSync(2), 5, timedOut: true, new FollowerPosition("eu-west", 9, 9));

        reach.Status.ShouldBe(AckStatus.Failed);
        reach.Degraded.ShouldBeFalse();
        reach.Problem.ShouldBe("SemiSync(2) write 5 of epoch 2 (us-east): only 1 of 2 followers received it before the timeout; missing ap-south.");
    }

    [Fact]
    public void A_semi_sync_write_that_times_out_is_acknowledged_as_async_and_flagged_when_the_policy_falls_back()
    {
        var reach = Evaluate(AckRequirement.SemiSync(1, SemiSyncFallback.Async), 5, timedOut: true);

        reach.Status.ShouldBe(AckStatus.Acknowledged);
        reach.Degraded.ShouldBeTrue();
        reach.Problem.ShouldNotBeNull().ShouldContain("Acknowledged as Async");
        reach.Problem.ShouldContain("missing ap-south, eu-west");
    }

    [Fact]
    public void A_semi_sync_write_acknowledged_before_its_timeout_is_not_degraded_by_it()
    {
        var reach = Evaluate(AckRequirement.SemiSync(1, SemiSyncFallback.Async), 5, timedOut: true, new FollowerPosition("ap-south", 5, 5));

        reach.Status.ShouldBe(AckStatus.Acknowledged);
        reach.Degraded.ShouldBeFalse();
        reach.Problem.ShouldBeNull();
    }

    [Fact]
    public void A_sync_write_is_not_acknowledged_while_a_follower_has_received_but_not_applied_it()
    {
        var reach = Evaluate(AckRequirement.Sync, 5, timedOut: false, new FollowerPosition("eu-west", 5, 5), new FollowerPosition("ap-south", 5, 4));

        reach.Status.ShouldBe(AckStatus.Waiting);
        reach.Received.ShouldBe(["ap-south", "eu-west"]);
        reach.Applied.ShouldBe(["eu-west"]);
        reach.Missing.ShouldBe(["ap-south"]);
    }

    [Fact]
    public void A_sync_write_is_acknowledged_once_every_follower_applied_it()
    {
        var reach = Evaluate(AckRequirement.Sync, 5, timedOut: false, new FollowerPosition("eu-west", 6, 5), new FollowerPosition("ap-south", 7, 7));

        reach.Status.ShouldBe(AckStatus.Acknowledged);
        reach.Required.ShouldBe(2);
        reach.Missing.ShouldBeEmpty();
    }

    [Fact]
    public void A_sync_write_that_times_out_fails_even_when_the_policy_names_an_async_fallback()
    {
        var reach = Evaluate(new AckRequirement(AckMode.Sync, 1, SemiSyncFallback.Async), 5, timedOut: true, new FollowerPosition("eu-west", 5, 5));

        reach.Status.ShouldBe(AckStatus.Failed);
        reach.Problem.ShouldBe("Sync write 5 of epoch 2 (us-east): only 1 of 2 followers applied it before the timeout; missing ap-south.");
    }

    [Fact]
    public void A_sync_write_in_a_keyspace_without_followers_is_acknowledged_at_once() =>
        ReplicationAcks.Evaluate(AckRequirement.Sync, Epoch, 1, [], [], timedOut: false).Status.ShouldBe(AckStatus.Acknowledged);

    [Fact]
    public void A_semi_sync_k_larger_than_the_followers_is_refused() =>
        Should.Throw<ArgumentException>(() => Evaluate(AckRequirement.SemiSync(3), 5, false)).Message.ShouldContain("semiSyncAcks is between 1 and the 2 followers");

    [Fact]
    public void A_position_from_a_region_that_is_not_a_follower_is_a_bug_and_throws() =>
        Should.Throw<ArgumentException>(() => Evaluate(AckRequirement.Async, 5, false, new FollowerPosition("us-east", 5, 5))).Message.ShouldContain("'us-east'");

    [Fact]
    public void Two_positions_for_one_follower_are_refused() =>
        Should.Throw<ArgumentException>(() => Evaluate(AckRequirement.Async, 5, false, new FollowerPosition("eu-west", 5, 5), new FollowerPosition("eu-west", 6, 6)));

    [Fact]
    public void A_follower_named_twice_is_refused() =>
        Should.Throw<ArgumentException>(() => ReplicationAcks.Evaluate(AckRequirement.Async, Epoch, 1, ["eu-west", "eu-west"], [], false));

    [Fact]
    public void A_sequence_below_one_is_refused() =>
        Should.Throw<ArgumentOutOfRangeException>(() => Evaluate(AckRequirement.Async, 0, false));

    [Fact]
    public void A_follower_cannot_have_applied_more_than_it_received() =>
        Should.Throw<ArgumentOutOfRangeException>(() => new FollowerPosition("eu-west", 4, 5));
}
