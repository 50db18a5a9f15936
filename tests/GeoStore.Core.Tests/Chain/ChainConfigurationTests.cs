using GeoStore.Core.Chain;
using Shouldly;

namespace GeoStore.Core.Tests.Chain;

public sealed class ChainConfigurationTests
{
    private static readonly ChainConfiguration Chain = ChainConfiguration.Initial(["us-east", "eu-west", "ap-south"]);

    [Fact]
    public void The_first_region_is_the_head_and_the_last_is_the_tail()
    {
        Chain.Version.ShouldBe(1);
        Chain.Head.ShouldBe("us-east");
        Chain.Tail.ShouldBe("ap-south");
        Chain.Length.ShouldBe(3);
        Chain.IsHead("us-east").ShouldBeTrue();
        Chain.IsTail("ap-south").ShouldBeTrue();
        Chain.IsTail("eu-west").ShouldBeFalse();
    }

    [Fact]
    public void Each_region_links_to_the_next_and_the_previous_and_the_ends_have_none_beyond()
    {
        Chain.Successor("us-east").ShouldBe("eu-west");
        Chain.Successor("eu-west").ShouldBe("ap-south");
        Chain.Successor("ap-south").ShouldBeNull();
        Chain.Predecessor("us-east").ShouldBeNull();
        Chain.Predecessor("eu-west").ShouldBe("us-east");
        Chain.Predecessor("ap-south").ShouldBe("eu-west");
    }

    [Fact]
    public void A_single_region_is_both_head_and_tail()
    {
        var single = ChainConfiguration.Initial(["eu-west"]);

        single.Head.ShouldBe("eu-west");
        single.Tail.ShouldBe("eu-west");
        single.Successor("eu-west").ShouldBeNull();
        single.Predecessor("eu-west").ShouldBeNull();
    }

    [Fact]
    public void When_the_head_fails_its_successor_becomes_the_head_under_a_higher_version()
    {
        var next = Chain.Without("us-east");

        next.Version.ShouldBe(2);
        next.Members.ShouldBe(["eu-west", "ap-south"]);
        next.Head.ShouldBe("eu-west");
    }

    [Fact]
    public void When_the_tail_fails_its_predecessor_becomes_the_tail()
    {
        var next = Chain.Without("ap-south");

        next.Version.ShouldBe(2);
        next.Tail.ShouldBe("eu-west");
        next.Successor("eu-west").ShouldBeNull();
    }

    [Fact]
    public void When_a_middle_region_fails_its_predecessor_links_to_its_successor()
    {
        var next = Chain.Without("eu-west");

        next.Members.ShouldBe(["us-east", "ap-south"]);
        next.Successor("us-east").ShouldBe("ap-south");
        next.Predecessor("ap-south").ShouldBe("us-east");
        next.Contains("eu-west").ShouldBeFalse();
    }

    [Fact]
    public void The_last_region_cannot_be_removed() =>
        Should.Throw<InvalidOperationException>(() => ChainConfiguration.Initial(["eu-west"]).Without("eu-west")).Message.ShouldContain("'eu-west'");

    [Fact]
    public void A_failed_region_rejoins_at_the_tail_under_a_higher_version()
    {
        var next = Chain.Without("us-east").WithAppended("us-east");

        next.Version.ShouldBe(3);
        next.Members.ShouldBe(["eu-west", "ap-south", "us-east"]);
        next.Tail.ShouldBe("us-east");
        next.Successor("ap-south").ShouldBe("us-east");
    }

    [Fact]
    public void A_member_cannot_join_a_second_time() =>
        Should.Throw<ArgumentException>(() => Chain.WithAppended("eu-west")).Message.ShouldContain("'eu-west'");

    [Fact]
    public void Asking_about_a_region_outside_the_chain_is_a_bug_and_throws()
    {
        Chain.Contains("moon").ShouldBeFalse();
        Chain.IndexOf("moon").ShouldBe(-1);
        Should.Throw<ArgumentException>(() => Chain.Successor("moon")).Message.ShouldContain("'moon'");
        Should.Throw<ArgumentException>(() => Chain.Predecessor("moon"));
        Should.Throw<ArgumentException>(() => Chain.Without("moon"));
    }

    [Theory]
    [InlineData(new string[0], "at least one")]
    [InlineData(new[] { "us-east", "eu-west", "us-east" }, "named twice")]
    [InlineData(new[] { "us-east", "EU West" }, "only a-z")]
    [InlineData(new[] { "" }, "1 to 32")]
    public void A_chain_without_members_or_with_a_repeated_or_invalid_region_is_refused(string[] members, string message) =>
        Should.Throw<ArgumentException>(() => ChainConfiguration.Initial(members)).Message.ShouldContain(message);

    [Fact]
    public void A_version_below_one_is_refused() =>
        Should.Throw<ArgumentOutOfRangeException>(() => new ChainConfiguration(0, ["us-east"]));

    [Fact]
    public void Configurations_with_the_same_version_and_order_are_equal_and_another_order_is_not()
    {
        var same = new ChainConfiguration(1, ["us-east", "eu-west", "ap-south"]);

        same.ShouldBe(Chain);
        same.GetHashCode().ShouldBe(Chain.GetHashCode());
        new ChainConfiguration(1, ["eu-west", "us-east", "ap-south"]).ShouldNotBe(Chain);
        new ChainConfiguration(2, ["us-east", "eu-west", "ap-south"]).ShouldNotBe(Chain);
        Chain.ToString().ShouldBe("v1: us-east -> eu-west -> ap-south");
    }
}
