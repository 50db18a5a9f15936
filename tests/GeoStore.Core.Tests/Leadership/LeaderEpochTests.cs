using GeoStore.Core.Leadership;
using Shouldly;

namespace GeoStore.Core.Tests.Leadership;

public sealed class LeaderEpochTests
{
    [Fact]
    public void A_keyspace_starts_at_epoch_one_under_its_configured_leader()
    {
        var first = LeaderEpoch.First("us-east");

        first.Number.ShouldBe(1);
        first.Leader.ShouldBe("us-east");
    }

    [Fact]
    public void A_promotion_takes_the_next_number_under_the_new_leader()
    {
        var next = LeaderEpoch.First("us-east").Next("eu-west");

        next.ShouldBe(new LeaderEpoch(2, "eu-west"));
        next.Supersedes(LeaderEpoch.First("us-east")).ShouldBeTrue();
    }

    [Fact]
    public void The_old_leader_can_lead_again_only_under_a_newer_number()
    {
        var back = LeaderEpoch.First("us-east").Next("eu-west").Next("us-east");

        back.ShouldBe(new LeaderEpoch(3, "us-east"));
        back.ShouldBeGreaterThan(LeaderEpoch.First("us-east"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void An_epoch_number_below_one_is_refused(long number) =>
        Should.Throw<ArgumentOutOfRangeException>(() => new LeaderEpoch(number, "us-east"));

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void An_epoch_without_a_leader_is_refused(string leader) =>
        Should.Throw<ArgumentException>(() => new LeaderEpoch(1, leader));

    [Fact]
    public void The_last_epoch_number_has_no_next() =>
        Should.Throw<OverflowException>(() => new LeaderEpoch(long.MaxValue, "us-east").Next("eu-west"));

    [Fact]
    public void Epochs_order_by_number_before_leader_name()
    {
        var epochs = new[] { new LeaderEpoch(2, "ap-south"), new LeaderEpoch(1, "us-east"), new LeaderEpoch(2, "eu-west") };

        epochs.Order().ShouldBe([new LeaderEpoch(1, "us-east"), new LeaderEpoch(2, "ap-south"), new LeaderEpoch(2, "eu-west")]);
        (new LeaderEpoch(1, "zz") < new LeaderEpoch(2, "aa")).ShouldBeTrue();
    }

    [Fact]
    public void An_epoch_reads_as_its_number_and_leader() =>
        new LeaderEpoch(3, "eu-west").ToString().ShouldBe("epoch 3 (eu-west)");
}
