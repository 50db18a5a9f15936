using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GeoStore.Core.Keyspaces;
using Shouldly;

namespace GeoStore.Core.Tests.Keyspaces;

/// <summary>The topology and resolver options of a keyspace policy: hub, maxSiblings and customResolver.</summary>
public sealed class TopologyValidationTests
{
    private static readonly string[] Known = ["us-east", "eu-west", "ap-south"];

    private static readonly ImmutableArray<string> All = [.. Known];

    [Fact]
    public void A_star_with_its_hub_among_the_regions_is_valid() =>
        Validate(new KeyspacePolicy(ReplicationMode.MultiLeader, All, Topology: ReplicationTopology.Star, Hub: "eu-west")).ShouldBeEmpty();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void A_star_without_a_hub_is_refused(string? hub) =>
        Validate(new KeyspacePolicy(ReplicationMode.MultiLeader, All, Topology: ReplicationTopology.Star, Hub: hub))
            .ShouldHaveSingleItem().Key.ShouldBe("hub");

    [Theory]
    [InlineData("ap-south")]
    [InlineData("moon")]
    public void A_star_hub_outside_the_keyspaces_regions_is_refused_even_when_the_region_exists(string hub)
    {
        var errors = Validate(new KeyspacePolicy(ReplicationMode.MultiLeader, ["us-east", "eu-west"], Topology: ReplicationTopology.Star, Hub: hub));

        errors.Keys.ShouldBe(["hub"]);
        errors["hub"].ShouldHaveSingleItem().ShouldContain($"'{hub}'");
    }

    [Theory]
    [InlineData(ReplicationTopology.AllToAll, "us-east")]
    [InlineData(ReplicationTopology.Ring, "us-east")]
    [InlineData(ReplicationTopology.Ring, "")]
    public void Only_a_star_has_a_hub(ReplicationTopology topology, string hub) =>
        Validate(new KeyspacePolicy(ReplicationMode.MultiLeader, All, Topology: topology, Hub: hub))
            .ShouldHaveSingleItem().Value.ShouldHaveSingleItem().ShouldContain(topology.ToString());

    [Fact]
    public void A_ring_over_the_keyspaces_regions_is_valid() =>
        Validate(new KeyspacePolicy(ReplicationMode.MultiLeader, All, Topology: ReplicationTopology.Ring)).ShouldBeEmpty();

    [Theory]
    [InlineData(1)]
    [InlineData(KeyspacePolicy.DefaultMaxSiblings)]
    [InlineData(KeyspacePolicy.MaxSiblingsLimit)]
    public void Max_siblings_from_1_to_64_is_valid(int maxSiblings) =>
        Validate(new KeyspacePolicy(ReplicationMode.MultiLeader, All, MaxSiblings: maxSiblings)).ShouldBeEmpty();

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(KeyspacePolicy.MaxSiblingsLimit + 1)]
    [InlineData(int.MinValue)]
    [InlineData(int.MaxValue)]
    public void Max_siblings_outside_1_to_64_is_refused(int maxSiblings)
    {
        var errors = Validate(new KeyspacePolicy(ReplicationMode.MultiLeader, All, MaxSiblings: maxSiblings));

        errors.Keys.ShouldBe(["maxSiblings"]);
        errors["maxSiblings"].ShouldHaveSingleItem().ShouldContain(maxSiblings.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("flight-booking")]
    [InlineData("a")]
    [InlineData("rebook_2026")]
    public void A_custom_keyspace_naming_its_resolver_is_valid(string name) =>
        Validate(new KeyspacePolicy(ReplicationMode.MultiLeader, All, ConflictResolver.Custom, CustomResolver: name)).ShouldBeEmpty();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void A_custom_keyspace_without_a_resolver_name_is_refused(string? name) =>
        Validate(new KeyspacePolicy(ReplicationMode.MultiLeader, All, ConflictResolver.Custom, CustomResolver: name))
            .ShouldHaveSingleItem().Key.ShouldBe("customResolver");

    [Theory]
    [InlineData("Flight-Booking")]
    [InlineData("-flight")]
    [InlineData("flight booking")]
    [InlineData("flight/booking")]
    [InlineData("flïght")]
    public void A_resolver_name_follows_the_keyspace_name_rules_and_the_message_says_resolver(string name)
    {
        var errors = Validate(new KeyspacePolicy(ReplicationMode.MultiLeader, All, ConflictResolver.Custom, CustomResolver: name));

        var message = errors.ShouldHaveSingleItem().Value.ShouldHaveSingleItem();
        errors.Keys.ShouldBe(["customResolver"]);
        message.ShouldContain("resolver name");
        message.ShouldNotContain("keyspace name");
    }

    [Fact]
    public void A_resolver_name_longer_than_63_characters_is_refused() =>
        Validate(new KeyspacePolicy(ReplicationMode.MultiLeader, All, ConflictResolver.Custom, CustomResolver: new string('r', 64)))
            .Keys.ShouldBe(["customResolver"]);

    [Theory]
    [InlineData("flight-booking")]
    [InlineData("")]
    public void Only_a_custom_keyspace_names_a_resolver(string name) =>
        Validate(new KeyspacePolicy(ReplicationMode.MultiLeader, All, ConflictResolver.Lww, CustomResolver: name))
            .ShouldHaveSingleItem().Value.ShouldHaveSingleItem().ShouldContain("Lww");

    [Fact]
    public void Every_broken_option_is_reported_at_once_under_its_own_field()
    {
        var errors = Validate(new KeyspacePolicy(
            ReplicationMode.MultiLeader, All, ConflictResolver.Custom, ReplicationTopology.Star, Hub: null, MaxSiblings: 0, CustomResolver: null));

        errors.Keys.Order().ShouldBe(["customResolver", "hub", "maxSiblings"]);
    }

    /// <summary>Random combinations of topology, hub, maxSiblings and resolver against the rules restated independently.</summary>
    [Property(MaxTest = 500)]
    public Property The_validator_reports_exactly_the_topology_and_resolver_rules_a_policy_breaks() =>
        Prop.ForAll(
            (from topology in Gen.Elements(Enum.GetValues<ReplicationTopology>())
             from regionCount in Gen.Choose(1, Known.Length)
             from hub in Gen.Elements<string?>(null, "", "us-east", "eu-west", "ap-south", "moon")
             from maxSiblings in Gen.OneOf(Gen.Choose(-2, 66), Gen.Elements(int.MinValue, int.MaxValue))
             from custom in Gen.Elements(false, true)
             from resolverName in Gen.Elements<string?>(null, "", "flight-booking", "Flight", "x_1", "a b")
             select new KeyspacePolicy(
                 ReplicationMode.MultiLeader,
                 [.. Known.Take(regionCount)],
                 custom ? ConflictResolver.Custom : ConflictResolver.Lww,
                 topology,
                 hub,
                 maxSiblings,
                 resolverName)).ToArbitrary(),
            policy =>
            {
                var expected = new SortedSet<string>(StringComparer.Ordinal);
                var star = policy.Topology == ReplicationTopology.Star;
                if (star ? string.IsNullOrEmpty(policy.Hub) || !policy.Regions.Contains(policy.Hub) : policy.Hub is not null)
                {
                    expected.Add("hub");
                }

                if (policy.MaxSiblings is < 1 or > 64)
                {
                    expected.Add("maxSiblings");
                }

                var wellFormedName = policy.CustomResolver is { Length: > 0 } name
                    && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_')
                    && name[0] is not '-' and not '_';
                if (policy.Resolver == ConflictResolver.Custom ? !wellFormedName : policy.CustomResolver is not null)
                {
                    expected.Add("customResolver");
                }

                var actual = Validate(policy).Keys.Order(StringComparer.Ordinal);
                return actual.SequenceEqual(expected)
                    .Label($"{policy}: expected [{string.Join(", ", expected)}], got [{string.Join(", ", actual)}]");
            });

    private static IReadOnlyDictionary<string, string[]> Validate(KeyspacePolicy policy) => KeyspaceValidator.ValidatePolicy(policy, Known);
}
