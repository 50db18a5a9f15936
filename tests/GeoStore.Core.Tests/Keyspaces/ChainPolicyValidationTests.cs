using System.Collections.Immutable;
using GeoStore.Core.Keyspaces;
using Shouldly;

namespace GeoStore.Core.Tests.Keyspaces;

/// <summary>A Chain policy: its regions are the chain, head first; it has one writer, so no resolver, topology, quorum or leader.</summary>
public sealed class ChainPolicyValidationTests
{
    private static readonly string[] Known = ["us-east", "eu-west", "ap-south"];

    private static readonly ImmutableArray<string> All = [.. Known];

    [Fact]
    public void A_chain_over_known_regions_is_valid_in_any_order() =>
        KeyspaceValidator.ValidatePolicy(new KeyspacePolicy(ReplicationMode.Chain, ["ap-south", "us-east", "eu-west"]), Known).ShouldBeEmpty();

    [Fact]
    public void A_chain_of_one_region_is_valid() =>
        KeyspaceValidator.ValidatePolicy(new KeyspacePolicy(ReplicationMode.Chain, ["eu-west"]), Known).ShouldBeEmpty();

    [Fact]
    public void A_chain_with_a_resolver_other_than_lww_is_refused() =>
        KeyspaceValidator.ValidatePolicy(new KeyspacePolicy(ReplicationMode.Chain, All, ConflictResolver.MultiValue), Known).Keys.ShouldBe(["resolver"]);

    [Fact]
    public void A_chain_with_a_topology_is_refused() =>
        KeyspaceValidator.ValidatePolicy(new KeyspacePolicy(ReplicationMode.Chain, All, Topology: ReplicationTopology.Ring), Known).Keys.ShouldBe(["topology"]);

    [Fact]
    public void A_chain_with_quorum_or_leader_settings_is_refused()
    {
        KeyspaceValidator.ValidatePolicy(new KeyspacePolicy(ReplicationMode.Chain, All, W: 2), Known).Keys.ShouldBe(["mode"]);
        KeyspaceValidator.ValidatePolicy(new KeyspacePolicy(ReplicationMode.Chain, All, Leader: "us-east"), Known).Keys.ShouldBe(["mode"]);
    }

    [Fact]
    public void A_chain_naming_a_region_twice_is_refused() =>
        KeyspaceValidator.ValidatePolicy(new KeyspacePolicy(ReplicationMode.Chain, ["us-east", "eu-west", "us-east"]), Known).Keys.ShouldBe(["regions"]);
}
