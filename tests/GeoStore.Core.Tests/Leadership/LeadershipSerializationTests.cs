using GeoStore.Core.Leadership;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Shouldly;

namespace GeoStore.Core.Tests.Leadership;

/// <summary>The leadership records that travel between grains survive the Orleans serializer unchanged.</summary>
public sealed class LeadershipSerializationTests
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(s => s.AddAssembly(typeof(LeaderEpoch).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    private static T RoundTrip<T>(T value)
        where T : class => Serializer.Deserialize<T>(Serializer.SerializeToArray(value)).ShouldNotBeNull();

    [Fact]
    public void A_leader_epoch_survives_a_round_trip()
    {
        var epoch = new LeaderEpoch(7, "ap-south");

        var copy = RoundTrip(epoch);

        copy.ShouldBe(epoch);
        copy.ShouldNotBeSameAs(epoch);
    }

    [Fact]
    public void A_fencing_decision_survives_a_round_trip_with_its_problem()
    {
        var decision = Fencing.Check(new LeaderEpoch(3, "eu-west"), LeaderEpoch.First("us-east"));

        var copy = RoundTrip(decision);

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

        var copy = RoundTrip(reach);

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
        RoundTrip(AckRequirement.SemiSync(2, SemiSyncFallback.Async)).ShouldBe(AckRequirement.SemiSync(2, SemiSyncFallback.Async));
        RoundTrip(new FollowerPosition("eu-west", 9, 8)).ShouldBe(new FollowerPosition("eu-west", 9, 8));
    }
}
