using GeoStore.Core.Chain;
using Shouldly;

namespace GeoStore.Core.Tests.Chain;

/// <summary>The catalog's record of a chain: configuration plus the version each member joined at.</summary>
public sealed class ChainMembershipTests
{
    private static readonly string[] Regions = ["us-east", "eu-west", "ap-south"];

    [Fact]
    public void The_first_chain_has_every_member_joined_at_version_one_and_none_must_copy()
    {
        var chain = ChainMembership.Initial(Regions);

        chain.Version.ShouldBe(1);
        chain.JoinedAt.ShouldBe([1, 1, 1]);
        Regions.ShouldAllBe(r => !chain.MustCopy(r, 0));
    }

    [Fact]
    public void A_region_removed_and_appended_again_joins_at_the_new_version_and_must_copy_what_it_held_before()
    {
        var chain = ChainMembership.Initial(Regions).Without("us-east").WithAppended("us-east");

        chain.Configuration.Members.ShouldBe(["eu-west", "ap-south", "us-east"]);
        chain.JoinedAt.ShouldBe([1, 1, 3]);
        chain.MustCopy("us-east", knownVersion: 1).ShouldBeTrue("its state is from before its removal");
        chain.MustCopy("us-east", knownVersion: 0).ShouldBeTrue("a key it never held may be held by its predecessor");
        chain.MustCopy("us-east", knownVersion: 3).ShouldBeFalse("it copied the key under this chain");
        chain.MustCopy("eu-west", knownVersion: 0).ShouldBeFalse("an original member with no state for a key holds nothing of it");
    }

    [Fact]
    public void Follow_accepts_one_removal_or_one_append_as_the_next_version_only()
    {
        var chain = ChainMembership.Initial(Regions);

        chain.Follow(chain.Configuration.Without("eu-west")).ShouldBe(chain.Without("eu-west"));
        var shorter = chain.Without("ap-south");
        shorter.Follow(shorter.Configuration.WithAppended("ap-south")).ShouldBe(shorter.WithAppended("ap-south"));

        chain.Follow(new ChainConfiguration(3, ["us-east", "eu-west"])).ShouldBeNull("a version was skipped");
        chain.Follow(new ChainConfiguration(2, ["eu-west", "us-east", "ap-south"])).ShouldBeNull("members were reordered");
        chain.Follow(new ChainConfiguration(2, ["us-east"])).ShouldBeNull("two members removed at once");
    }

    [Fact]
    public void A_membership_survives_a_round_trip()
    {
        var chain = ChainMembership.Initial(Regions).Without("us-east").WithAppended("us-east");

        CoreSerializer.RoundTrip(chain).ShouldBe(chain);
    }
}
