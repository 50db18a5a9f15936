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
}
