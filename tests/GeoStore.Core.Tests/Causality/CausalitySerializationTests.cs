using GeoStore.Core.Causality;
using GeoStore.Core.Clocks;
using GeoStore.Core.Versioning;
using Shouldly;

namespace GeoStore.Core.Tests.Causality;

/// <summary>The causality records travel between regions through the Orleans serializer unchanged.</summary>
public sealed class CausalitySerializationTests
{
    [Fact]
    public void A_sibling_set_with_values_and_a_tombstone_survives_a_round_trip()
    {
        var set = SiblingSet.Empty
            .Update(VersionVector.Empty, "us-east", new VersionedValue(new WriteVersion(new HybridTimestamp(10, 1), "us-east"), [1, 2, 3], "application/octet-stream")).Result
            .Update(new VersionVector([new Dot("eu-west", 4)]), "us-east", VersionedValue.Tombstone(new WriteVersion(new HybridTimestamp(11, 0), "us-east"))).Result;

        var copy = CoreSerializer.RoundTrip(set);

        copy.ShouldBe(set);
        copy.ShouldNotBeSameAs(set);
        copy.Context["eu-west"].ShouldBe(4);
        copy.Siblings.Length.ShouldBe(2);
    }

    [Fact]
    public void The_empty_set_survives_a_round_trip()
    {
        var copy = CoreSerializer.RoundTrip(SiblingSet.Empty);

        copy.ShouldBe(SiblingSet.Empty);
        copy.IsEmptyOrDeleted.ShouldBeTrue();
        copy.Context.IsEmpty.ShouldBeTrue();
    }
}
