using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GeoStore.Core.Keyspaces;
using Shouldly;

namespace GeoStore.Core.Tests.Keyspaces;

/// <summary>The quorum settings of a Leaderless keyspace policy: N is its regions, W and R default to majorities.</summary>
public sealed class QuorumPolicyValidationTests
{
    private static readonly string[] Known = ["us-east", "eu-west", "ap-south", "sa-east", "af-south"];

    private static IReadOnlyDictionary<string, string[]> Validate(KeyspacePolicy policy) => KeyspaceValidator.ValidatePolicy(policy, Known);

    [Property]
    public Property Without_levels_a_leaderless_keyspace_runs_with_majorities_of_its_regions() =>
        Prop.ForAll(Gen.Choose(1, Known.Length).ToArbitrary(), n =>
        {
            var policy = new KeyspacePolicy(ReplicationMode.Leaderless, [.. Known.Take(n)]);
            var quorum = policy.Quorum!;
            return Validate(policy).Count == 0 && quorum.N == n && quorum.W == n / 2 + 1 && quorum.R == n / 2 + 1 && quorum.Overlaps;
        });

    [Property]
    public Property Levels_from_one_to_n_are_accepted_and_others_refused_naming_the_field() =>
        Prop.ForAll(Gen.Choose(-1, 5).ToArbitrary(), Gen.Choose(-1, 5).ToArbitrary(), (w, r) =>
        {
            var errors = Validate(new KeyspacePolicy(ReplicationMode.Leaderless, [.. Known.Take(3)], W: w, R: r));
            return errors.ContainsKey("w") == (w is < 1 or > 3) && errors.ContainsKey("r") == (r is < 1 or > 3);
        });

    [Fact]
    public void A_linearizable_keyspace_needs_overlapping_quorums_and_no_stand_ins()
    {
        ImmutableArray<string> three = [.. Known.Take(3)];
        Validate(new KeyspacePolicy(ReplicationMode.Leaderless, three, W: 2, R: 2, Linearizable: true)).ShouldBeEmpty();
        Validate(new KeyspacePolicy(ReplicationMode.Leaderless, three, W: 1, R: 2, Linearizable: true)).Keys.ShouldBe(["linearizable"]);
        Validate(new KeyspacePolicy(ReplicationMode.Leaderless, three, Linearizable: true, Sloppy: true)).Keys.ShouldBe(["sloppy"]);
        Validate(new KeyspacePolicy(ReplicationMode.Leaderless, three, ConflictResolver.MultiValue, Linearizable: true)).Keys.ShouldBe(["linearizable"]);
    }

    [Fact]
    public void Quorum_settings_belong_to_leaderless_keyspaces_only()
    {
        var policy = new KeyspacePolicy(ReplicationMode.MultiLeader, [.. Known.Take(3)], W: 2);
        Validate(policy).Keys.ShouldBe(["mode"]);
        policy.Quorum.ShouldBeNull();
    }

    [Fact]
    public void N_names_the_replica_regions_and_must_match_them() =>
        Validate(new KeyspacePolicy(ReplicationMode.Leaderless, [.. Known.Take(3)], N: 5)).Keys.ShouldBe(["n"]);

    [Fact]
    public void Policies_that_differ_only_in_their_levels_are_different_policies() =>
        new KeyspacePolicy(ReplicationMode.Leaderless, [.. Known.Take(3)], W: 2)
            .ShouldNotBe(new KeyspacePolicy(ReplicationMode.Leaderless, [.. Known.Take(3)], W: 3));
}
