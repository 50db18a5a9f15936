using GeoStore.Core.Keys;
using GeoStore.Core.Keyspaces;
using GeoStore.Core.Regions;
using GeoStore.Core.Replication;
using GeoStore.Core.Wan;
using Shouldly;

namespace GeoStore.Core.Tests;

public sealed class ValidationTests
{
    private static readonly string[] Known = ["us-east", "eu-west", "ap-south"];

    [Theory]
    [InlineData("default")]
    [InlineData("a")]
    [InlineData("orders_2026-eu")]
    [InlineData("0day")]
    public void Good_keyspace_names_pass(string name) => KeyspaceValidator.ValidateName(name).ShouldBeNull();

    [Theory]
    [InlineData("")]
    [InlineData("Upper")]
    [InlineData("-lead")]
    [InlineData("has space")]
    [InlineData("slash/inside")]
    [InlineData("ünïcode")]
    public void Bad_keyspace_names_are_refused_with_a_reason(string name) => KeyspaceValidator.ValidateName(name).ShouldNotBeNullOrEmpty();

    [Fact]
    public void A_keyspace_name_longer_than_63_characters_is_refused() =>
        KeyspaceValidator.ValidateName(new string('a', 64)).ShouldNotBeNull();

    [Fact]
    public void A_policy_with_unknown_and_repeated_regions_names_both_problems()
    {
        var errors = KeyspaceValidator.ValidatePolicy(new KeyspacePolicy(ReplicationMode.MultiLeader, ["us-east", "moon", "us-east"]), Known);

        errors["regions"].Length.ShouldBe(2);
        errors["regions"].ShouldContain(e => e.Contains("moon"));
    }

    [Fact]
    public void A_policy_without_regions_is_refused() =>
        KeyspaceValidator.ValidatePolicy(new KeyspacePolicy(ReplicationMode.MultiLeader, []), Known).Keys.ShouldContain("regions");

    [Fact]
    public void Modes_this_build_cannot_run_are_refused_not_downgraded() =>
        KeyspaceValidator.ValidatePolicy(new KeyspacePolicy((ReplicationMode)42, ["us-east"]), Known).Keys.ShouldContain("mode");

    [Fact]
    public void The_default_policy_is_valid() =>
        KeyspaceValidator.ValidatePolicy(new KeyspacePolicy(ReplicationMode.MultiLeader, [.. Known]), Known).ShouldBeEmpty();

    [Theory]
    [InlineData("user/42", KeyCheckOutcome.Valid)]
    [InlineData("emoji-😀", KeyCheckOutcome.Valid)]
    [InlineData("#?\\%+ ", KeyCheckOutcome.Valid)]
    [InlineData("", KeyCheckOutcome.Invalid)]
    [InlineData("tab\there", KeyCheckOutcome.Invalid)]
    [InlineData("nul\0", KeyCheckOutcome.Invalid)]
    public void Keys_are_checked_for_emptiness_control_characters_and_unicode(string key, KeyCheckOutcome expected) =>
        KeyRules.Check(key, 512).Outcome.ShouldBe(expected);

    [Fact]
    public void A_key_with_a_lone_surrogate_is_invalid() =>
        KeyRules.Check(new string(['a', (char)0xD800, 'b']), 512).Outcome.ShouldBe(KeyCheckOutcome.Invalid);

    [Fact]
    public void A_key_over_the_byte_limit_is_too_large_counting_utf8_bytes()
    {
        KeyRules.Check(new string('a', 512), 512).Outcome.ShouldBe(KeyCheckOutcome.Valid);
        KeyRules.Check(new string('a', 513), 512).Outcome.ShouldBe(KeyCheckOutcome.TooLarge);
        KeyRules.Check(new string('é', 257), 512).Outcome.ShouldBe(KeyCheckOutcome.TooLarge);
    }

    [Theory]
    [InlineData("us-east/default/user/42", "us-east")]
    [InlineData("eu-west/3", "eu-west")]
    [InlineData("us-east->ap-south/7", "us-east")]
    [InlineData("ap-south", "ap-south")]
    public void The_region_of_a_grain_key_is_its_first_segment(string key, string region) =>
        RegionNames.RegionOfKey(key).ShouldBe(region);

    [Theory]
    [InlineData(0, false, 0.0, true)]
    [InlineData(60_000, true, 1.0, true)]
    [InlineData(-1, false, 0.0, false)]
    [InlineData(60_001, false, 0.0, false)]
    [InlineData(10, false, 1.5, false)]
    [InlineData(10, false, double.NaN, false)]
    public void WAN_link_settings_are_range_checked(int latency, bool cut, double loss, bool valid) =>
        (new WanLink(latency, cut, loss).Validate() is null).ShouldBe(valid);

    [Fact]
    public void A_WAN_change_makes_a_new_revision_and_leaves_other_links_healthy()
    {
        var model = WanModel.Empty.With("us-east", "eu-west", new WanLink(40));

        model.Revision.ShouldBe(1);
        model.Link("us-east", "eu-west").LatencyMs.ShouldBe(40);
        model.Link("eu-west", "us-east").ShouldBe(WanLink.Healthy);
    }

    [Fact]
    public void Shards_are_stable_across_processes_and_in_range()
    {
        // Fixed expectations: a change of hash would silently split every key's history.
        ShardMap.ShardOf("default", "user/42", 8).ShouldBe(ShardMap.ShardOf("default", "user/42", 8));
        var shards = Enumerable.Range(0, 1000).Select(i => ShardMap.ShardOf("default", $"k{i}", 8)).ToList();
        shards.ShouldAllBe(s => s >= 0 && s < 8);
        shards.Distinct().Count().ShouldBe(8);
        ShardMap.ShardOf("default", new string('x', 600), 8).ShouldBeInRange(0, 7);
    }
}
