using GeoStore.Core.Leadership;
using Shouldly;

namespace GeoStore.Core.Tests.Leadership;

public sealed class AckRequirementTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void SemiSync_accepts_k_from_one_to_the_follower_count(int k) =>
        AckRequirement.SemiSync(k).Validate(followerCount: 2).ShouldBeEmpty();

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void SemiSync_refuses_k_outside_one_to_the_follower_count(int k) =>
        AckRequirement.SemiSync(k).Validate(followerCount: 2)["semiSyncAcks"]
            .ShouldBe([$"semiSyncAcks is between 1 and the 2 followers; got {k}."]);

    [Fact]
    public void SemiSync_needs_a_follower() =>
        AckRequirement.SemiSync(1).Validate(followerCount: 0).Keys.ShouldBe(["semiSyncAcks"]);

    [Fact]
    public void Async_and_Sync_are_valid_even_for_a_keyspace_without_followers()
    {
        AckRequirement.Async.Validate(0).ShouldBeEmpty();
        AckRequirement.Sync.Validate(0).ShouldBeEmpty();
    }

    [Fact]
    public void An_undefined_mode_or_fallback_is_refused()
    {
        var problems = new AckRequirement((AckMode)7, 1, (SemiSyncFallback)9).Validate(2);

        problems.Keys.Order().ShouldBe(["replication", "semiSyncFallback"]);
    }

    [Fact]
    public void Each_mode_counts_its_own_number_of_followers()
    {
        AckRequirement.Async.RequiredOf(3).ShouldBe(0);
        AckRequirement.SemiSync(2).RequiredOf(3).ShouldBe(2);
        AckRequirement.Sync.RequiredOf(3).ShouldBe(3);
    }

    [Fact]
    public void A_requirement_reads_as_the_policy_names_it()
    {
        AckRequirement.Async.ToString().ShouldBe("Async");
        AckRequirement.SemiSync(2).ToString().ShouldBe("SemiSync(2)");
        AckRequirement.SemiSync(1, SemiSyncFallback.Async).ToString().ShouldBe("SemiSync(1, fallback Async)");
        AckRequirement.Sync.ToString().ShouldBe("Sync");
    }
}
