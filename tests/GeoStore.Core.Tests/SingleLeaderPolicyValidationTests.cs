using GeoStore.Core.Keyspaces;
using GeoStore.Core.Leadership;
using Shouldly;

namespace GeoStore.Core.Tests;

public sealed class SingleLeaderPolicyValidationTests
{
    private static readonly string[] Known = ["us-east", "eu-west", "ap-south"];

    private static KeyspacePolicy Leader(string? leader = "us-east", AckMode? replication = null, int? acks = null) =>
        new(ReplicationMode.SingleLeader, [.. Known], Leader: leader, Replication: replication, SemiSyncAcks: acks);

    [Fact]
    public void A_leader_among_the_regions_is_valid_and_defaults_to_async()
    {
        KeyspaceValidator.ValidatePolicy(Leader(), Known).ShouldBeEmpty();
        Leader().Acks.ShouldBe(AckRequirement.Async);
    }

    [Fact]
    public void The_leader_must_be_named_and_be_a_replica()
    {
        KeyspaceValidator.ValidatePolicy(Leader(null), Known).Keys.ShouldContain("leader");
        KeyspaceValidator.ValidatePolicy(Leader("moon"), Known)["leader"].ShouldContain(e => e.Contains("moon"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public void SemiSync_acks_are_between_one_and_the_followers(int acks) =>
        KeyspaceValidator.ValidatePolicy(Leader(replication: AckMode.SemiSync, acks: acks), Known)["semiSyncAcks"].ShouldContain(e => e.Contains("between 1 and the 2 followers"));

    [Fact]
    public void SemiSync_acks_belong_to_SemiSync_only() =>
        KeyspaceValidator.ValidatePolicy(Leader(replication: AckMode.Sync, acks: 1), Known).Keys.ShouldContain("semiSyncAcks");

    [Fact]
    public void Leader_settings_belong_to_SingleLeader_only() =>
        KeyspaceValidator.ValidatePolicy(new KeyspacePolicy(ReplicationMode.MultiLeader, [.. Known], Leader: "us-east"), Known)["mode"]
            .ShouldContain(e => e.Contains("Only a SingleLeader keyspace"));

    [Fact]
    public void A_single_leader_keyspace_has_no_resolver_or_topology()
    {
        var errors = KeyspaceValidator.ValidatePolicy(Leader() with { Resolver = ConflictResolver.MultiValue, Topology = ReplicationTopology.Ring }, Known);
        errors.Keys.ShouldBe(["topology", "resolver"], ignoreOrder: true);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3601)]
    public void Automatic_failover_waits_a_sane_time(int seconds) =>
        KeyspaceValidator.ValidatePolicy(Leader() with { AutoFailoverSeconds = seconds }, Known).Keys.ShouldContain("autoFailoverSeconds");

    [Fact]
    public void SemiSync_k_with_a_fallback_is_what_the_policy_says() =>
        Leader(replication: AckMode.SemiSync, acks: 2).WithAsyncFallback().Acks.ShouldBe(AckRequirement.SemiSync(2, SemiSyncFallback.Async));
}

internal static class PolicyTestExtensions
{
    public static KeyspacePolicy WithAsyncFallback(this KeyspacePolicy policy) => policy with { SemiSyncFallback = SemiSyncFallback.Async };
}
