using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GeoStore.Core.Quorum;
using Shouldly;

namespace GeoStore.Core.Tests.Quorum;

public sealed class QuorumLevelsTests
{
    [Theory]
    [InlineData("one", 3, 1)]
    [InlineData("quorum", 3, 2)]
    [InlineData("all", 3, 3)]
    [InlineData("2", 3, 2)]
    [InlineData("QUORUM", 3, 2)]
    [InlineData(" All ", 3, 3)]
    [InlineData("quorum", 1, 1)]
    [InlineData("quorum", 2, 2)]
    [InlineData("quorum", 4, 3)]
    [InlineData("quorum", 5, 3)]
    [InlineData("5", 5, 5)]
    public void A_named_or_numbered_level_resolves_against_n(string text, int n, int expected)
    {
        QuorumLevels.Resolve(QuorumLevels.Write, text, n, policyDefault: 1, out var count, out var error).ShouldBeTrue();

        count.ShouldBe(expected);
        error.ShouldBeNull();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_request_without_a_level_keeps_the_keyspace_default(string? text)
    {
        QuorumLevels.Resolve(QuorumLevels.Read, text, 3, policyDefault: 2, out var count, out var error).ShouldBeTrue();

        count.ShouldBe(2);
        error.ShouldBeNull();
    }

    [Theory]
    [InlineData("x")]
    [InlineData("0")]
    [InlineData("4")]
    [InlineData("-1")]
    [InlineData("+2")]
    [InlineData("1.5")]
    [InlineData("two")]
    [InlineData("99999999999999")]
    public void A_level_outside_one_to_n_is_refused_with_what_is_accepted(string text)
    {
        QuorumLevels.Resolve(QuorumLevels.Write, text, 3, policyDefault: 2, out _, out var error).ShouldBeFalse();

        error.ShouldBe($"w must be one, quorum, all or a number from 1 to 3; got '{text}'");
    }

    [Fact]
    public void A_bad_read_level_names_r_and_the_keyspaces_n()
    {
        QuorumLevels.Resolve(QuorumLevels.Read, "most", 5, policyDefault: 3, out _, out var error).ShouldBeFalse();

        error.ShouldBe("r must be one, quorum, all or a number from 1 to 5; got 'most'");
    }

    [Fact]
    public void A_very_long_bad_level_is_echoed_shortened()
    {
        QuorumLevels.Resolve(QuorumLevels.Write, new string('z', 500), 3, 2, out _, out var error).ShouldBeFalse();

        error!.Length.ShouldBeLessThan(120);
    }

    [Theory]
    [InlineData("one")]
    [InlineData("quorum")]
    [InlineData("all")]
    [InlineData("7")]
    public void A_level_prints_as_it_is_parsed(string text)
    {
        ConsistencyLevel.TryParse(text, out var level).ShouldBeTrue();

        level.ToString().ShouldBe(text);
    }

    [Property]
    public Property A_majority_is_the_smallest_count_of_which_any_two_sets_share_a_replica() =>
        Prop.ForAll(
            Gen.Choose(1, 1000).ToArbitrary(),
            n =>
            {
                var majority = QuorumLevels.Majority(n);
                return 2 * majority > n && 2 * (majority - 1) <= n && majority <= n;
            });
}
