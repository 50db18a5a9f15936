using GeoStore.Core.Leadership;
using Shouldly;

namespace GeoStore.Core.Tests.Leadership;

public sealed class AutoFailoverVoteTests
{
    private static readonly string[] Five = ["us-east", "eu-west", "ap-south", "sa-east", "af-south"];
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan After = TimeSpan.FromSeconds(30);

    private static LeaderUnreachableObservation Seen(string region, double secondsAgo) => new(region, Now.AddSeconds(-secondsAgo));

    private static AutoFailoverDecision Decide(string[] regions, params LeaderUnreachableObservation[] observations) =>
        AutoFailoverVote.Decide(regions, "us-east", observations, After, Now);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 2)]
    [InlineData(4, 3)]
    [InlineData(5, 3)]
    public void A_promotion_needs_a_majority_of_every_region_the_leaders_included(int regions, int needed) =>
        AutoFailoverVote.VotesNeeded(regions).ShouldBe(needed);

    [Fact]
    public void A_majority_that_has_seen_the_leader_unreachable_long_enough_may_promote()
    {
        var decision = Decide(Five, Seen("eu-west", 60), Seen("ap-south", 30), Seen("sa-east", 45));

        decision.Allowed.ShouldBeTrue();
        decision.Needed.ShouldBe(3);
        decision.Voters.ShouldBe(["ap-south", "eu-west", "sa-east"]);
        decision.Waiting.ShouldBeEmpty();
        decision.AllowedAt.ShouldBe(Now);
        decision.Reason.ShouldContain("promotion allowed");
    }

    [Fact]
    public void A_majority_that_has_not_yet_seen_the_outage_long_enough_waits_and_knows_until_when()
    {
        var decision = Decide(Five, Seen("eu-west", 60), Seen("ap-south", 10), Seen("sa-east", 45));

        decision.Allowed.ShouldBeFalse();
        decision.Voters.ShouldBe(["eu-west", "sa-east"]);
        decision.Waiting.ShouldBe(["ap-south"]);
        decision.AllowedAt.ShouldBe(Now.AddSeconds(20));
    }

    [Fact]
    public void A_minority_can_never_promote_however_long_it_has_waited()
    {
        var decision = Decide(Five, Seen("eu-west", 3600), Seen("ap-south", 3600));

        decision.Allowed.ShouldBeFalse();
        decision.AllowedAt.ShouldBeNull();
        decision.Reason.ShouldBe("Only 2 of the 3 regions a majority of 5 needs see us-east unreachable: a minority cannot promote.");
    }

    [Fact]
    public void The_leaders_own_region_does_not_vote_for_its_removal()
    {
        var decision = Decide(Five, Seen("us-east", 3600), Seen("eu-west", 3600), Seen("ap-south", 3600));

        decision.Allowed.ShouldBeFalse();
        decision.Voters.ShouldBe(["ap-south", "eu-west"]);
    }

    [Fact]
    public void Two_regions_can_never_fail_over_automatically()
    {
        var decision = Decide(["us-east", "eu-west"], Seen("eu-west", 3600));

        decision.Allowed.ShouldBeFalse();
        decision.Reason.ShouldBe("With 2 regions a majority is 2, but only 1 can vote against us-east: automatic failover can never promote; fail over manually.");
    }

    [Fact]
    public void Three_regions_fail_over_only_when_both_followers_see_the_outage()
    {
        string[] three = ["us-east", "eu-west", "ap-south"];

        Decide(three, Seen("eu-west", 60)).Allowed.ShouldBeFalse();
        Decide(three, Seen("eu-west", 60), Seen("ap-south", 60)).Allowed.ShouldBeTrue();
    }

    [Fact]
    public void An_observation_from_a_region_that_is_not_a_replica_is_a_bug_and_throws() =>
        Should.Throw<ArgumentException>(() => Decide(Five, Seen("moon", 60))).Message.ShouldContain("'moon'");

    [Fact]
    public void A_region_reporting_twice_is_a_bug_and_throws() =>
        Should.Throw<ArgumentException>(() => Decide(Five, Seen("eu-west", 60), Seen("eu-west", 30)));

    [Fact]
    public void A_leader_that_is_not_a_replica_region_is_refused() =>
        Should.Throw<ArgumentException>(() => AutoFailoverVote.Decide(["eu-west", "ap-south"], "us-east", [], After, Now));

    [Fact]
    public void A_duration_that_is_not_positive_is_refused() =>
        Should.Throw<ArgumentOutOfRangeException>(() => AutoFailoverVote.Decide(Five, "us-east", [], TimeSpan.Zero, Now));
}
