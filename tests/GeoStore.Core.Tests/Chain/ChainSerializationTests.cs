using GeoStore.Core.Chain;
using Shouldly;

namespace GeoStore.Core.Tests.Chain;

/// <summary>The chain records travel between grains through the Orleans serializer unchanged.</summary>
public sealed class ChainSerializationTests
{
    [Fact]
    public void A_configuration_survives_a_round_trip()
    {
        var configuration = ChainConfiguration.Initial(["us-east", "eu-west", "ap-south"]).Without("eu-west");

        var copy = CoreSerializer.RoundTrip(configuration);

        copy.ShouldBe(configuration);
        copy.ShouldNotBeSameAs(configuration);
        copy.Successor("us-east").ShouldBe("ap-south");
    }

    [Fact]
    public void A_node_state_survives_a_round_trip() =>
        CoreSerializer.RoundTrip(new ChainNodeState("eu-west", 9, 6, 4)).ShouldBe(new ChainNodeState("eu-west", 9, 6, 4));

    [Fact]
    public void A_craq_key_state_with_clean_and_dirty_versions_survives_a_round_trip()
    {
        var key = CraqKeyState<string>.Empty.Apply(2, "a").Apply(4, "b").Commit(2).Apply(7, "c");

        var copy = CoreSerializer.RoundTrip(key);

        copy.ShouldBe(key);
        copy.ReadAt(4).ShouldBe(CraqRead<string>.Found(4, "b"));
        CoreSerializer.RoundTrip(CraqRead<string>.AskTail).ShouldBe(CraqRead<string>.AskTail);
    }
}
