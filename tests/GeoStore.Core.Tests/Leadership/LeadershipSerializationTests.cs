using System.Collections.Immutable;
using GeoStore.Core.Leadership;
using Shouldly;

namespace GeoStore.Core.Tests.Leadership;

/// <summary>The leadership records that travel between grains survive the Orleans serializer unchanged.</summary>
public sealed class LeadershipSerializationTests
{
    [Fact]
    public void A_leader_epoch_survives_a_round_trip()
    {
        var epoch = new LeaderEpoch(7, "ap-south");

        var copy = CoreSerializer.RoundTrip(epoch);

        copy.ShouldBe(epoch);
        copy.ShouldNotBeSameAs(epoch);
    }

    [Fact]
    public void A_fencing_decision_survives_a_round_trip_with_its_problem()
    {
        var decision = Fencing.Check(new LeaderEpoch(3, "eu-west"), LeaderEpoch.First("us-east"));

        var copy = CoreSerializer.RoundTrip(decision);

        copy.ShouldBe(decision);
        copy.Problem.ShouldBe(decision.Problem);
    }

    [Fact]
    public void A_write_reach_survives_a_round_trip_with_its_followers()
    {
        var reach = ReplicationAcks.Evaluate(
            AckRequirement.SemiSync(2, SemiSyncFallback.Async),
            new LeaderEpoch(2, "us-east"),
            9,
            ["eu-west", "ap-south"],
            [new FollowerPosition("eu-west", 9, 8)],
            timedOut: true);

        var copy = CoreSerializer.RoundTrip(reach);

        copy.Epoch.ShouldBe(reach.Epoch);
        copy.Sequence.ShouldBe(9);
        copy.Status.ShouldBe(AckStatus.Acknowledged);
        copy.Received.ShouldBe(["eu-west"]);
        copy.Applied.ShouldBeEmpty();
        copy.Missing.ShouldBe(["ap-south"]);
        copy.Degraded.ShouldBeTrue();
        copy.Problem.ShouldBe(reach.Problem);
    }

    [Fact]
    public void A_requirement_and_a_follower_position_survive_a_round_trip()
    {
        CoreSerializer.RoundTrip(AckRequirement.SemiSync(2, SemiSyncFallback.Async)).ShouldBe(AckRequirement.SemiSync(2, SemiSyncFallback.Async));
        CoreSerializer.RoundTrip(new FollowerPosition("eu-west", 9, 8)).ShouldBe(new FollowerPosition("eu-west", 9, 8));
    }

    [Fact]
    public void A_failover_choice_survives_a_round_trip_with_its_candidates()
    {
        FailoverChoice.TryChoose(
            new LeaderEpoch(3, "us-east"),
            AckRequirement.Async,
            [new FailoverCandidate("eu-west", true, ImmutableDictionary<int, long>.Empty.Add(0, 40).Add(1, 2), 3), new FailoverCandidate("ap-south", true, ImmutableDictionary<int, long>.Empty.Add(0, 42), 3)],
            "eu-west",
            force: false,
            out var choice,
            out _).ShouldBeTrue();

        var copy = CoreSerializer.RoundTrip(choice);

        copy.NewEpoch.ShouldBe(new LeaderEpoch(4, "eu-west"));
        copy.Target.Region.ShouldBe("eu-west");
        copy.Target.ReceivedThrough.ShouldBe(choice.Target.ReceivedThrough);
        copy.Fork.ShouldBe(choice.Fork);
        copy.CoversAcknowledged.ShouldBeNull();
        copy.Warnings.ShouldBe(choice.Warnings);
    }

    [Fact]
    public void An_auto_failover_decision_and_its_observations_survive_a_round_trip()
    {
        var now = new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var observation = new LeaderUnreachableObservation("eu-west", now.AddMinutes(-1));
        var decision = AutoFailoverVote.Decide(["us-east", "eu-west", "ap-south"], "us-east", [observation], TimeSpan.FromSeconds(30), now);

        CoreSerializer.RoundTrip(observation).ShouldBe(observation);
        var copy = CoreSerializer.RoundTrip(decision);
        copy.Allowed.ShouldBeFalse();
        copy.Voters.ShouldBe(["eu-west"]);
        copy.Reason.ShouldBe(decision.Reason);
    }
}
