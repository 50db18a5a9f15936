using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GeoStore.Core.Quorum;
using Shouldly;

namespace GeoStore.Core.Tests.Quorum;

public sealed class QuorumPolicyTests
{
    [Fact]
    public void Majority_writes_and_reads_of_three_replicas_are_valid_and_overlap()
    {
        var policy = QuorumPolicy.Majorities(3, linearizable: true);

        policy.ShouldBe(new QuorumPolicy(3, 2, 2, Linearizable: true));
        policy.Overlaps.ShouldBeTrue();
        policy.Validate().ShouldBeEmpty();
    }

    [Fact]
    public void An_eventual_keyspace_may_write_and_read_one_replica()
    {
        var policy = new QuorumPolicy(3, 1, 1);

        policy.Overlaps.ShouldBeFalse();
        policy.Validate().ShouldBeEmpty();
    }

    [Fact]
    public void A_policy_without_replicas_is_refused() =>
        new QuorumPolicy(0, 1, 1).Validate().Keys.ShouldContain("n");

    [Theory]
    [InlineData(0, 2, "w")]
    [InlineData(4, 2, "w")]
    [InlineData(2, 0, "r")]
    [InlineData(2, 5, "r")]
    public void W_and_r_outside_one_to_n_are_refused_under_their_own_names(int w, int r, string field)
    {
        var errors = new QuorumPolicy(3, w, r).Validate();

        errors.Keys.ShouldBe([field]);
        errors[field].ShouldHaveSingleItem().ShouldContain("n = 3");
    }

    [Fact]
    public void A_linearizable_keyspace_whose_quorums_need_not_meet_is_refused()
    {
        var errors = new QuorumPolicy(3, 1, 2, Linearizable: true).Validate();

        errors.Keys.ShouldBe(["linearizable"]);
        errors["linearizable"].ShouldHaveSingleItem().ShouldContain("w + r > n");
    }

    [Fact]
    public void A_linearizable_keyspace_cannot_use_sloppy_quorums() =>
        new QuorumPolicy(3, 2, 2, Linearizable: true, Sloppy: true).Validate().Keys.ShouldBe(["sloppy"]);

    [Fact]
    public void An_eventual_keyspace_may_use_sloppy_quorums() =>
        new QuorumPolicy(3, 2, 1, Sloppy: true).Validate().ShouldBeEmpty();

    [Fact]
    public void A_request_without_levels_runs_with_the_keyspaces_own() =>
        new QuorumPolicy(5, 3, 2).WithRequest(null, null).ShouldBe(new QuorumPolicy(5, 3, 2));

    [Fact]
    public void A_request_to_an_eventual_keyspace_may_lower_both_levels_below_overlap() =>
        QuorumPolicy.Majorities(3).WithRequest(1, 1).ShouldBe(new QuorumPolicy(3, 1, 1));

    [Fact]
    public void A_request_to_a_linearizable_keyspace_may_not_trade_write_level_for_read_level()
    {
        // A later read with r=1 would overlap this w=3 write, but not another client's w=2 write.
        QuorumPolicy.Majorities(3, linearizable: true).TryWithRequest(3, 1, out _, out var error).ShouldBeFalse();
        error.ShouldNotBeNull().ShouldContain("may raise w or r, not lower them");
    }

    [Fact]
    public void A_request_to_a_linearizable_keyspace_may_raise_a_level() =>
        QuorumPolicy.Majorities(3, linearizable: true).WithRequest(null, 3).R.ShouldBe(3);

    [Fact]
    public void A_request_that_would_break_overlap_on_a_linearizable_keyspace_is_refused()
    {
        QuorumPolicy.Majorities(3, linearizable: true).TryWithRequest(1, null, out var effective, out var error).ShouldBeFalse();

        effective.ShouldBeNull();
        error.ShouldBe("This keyspace is linearizable, so every write must meet every read: a request may raise w or r, not lower them below the keyspace's w = 2 and r = 2; got w = 1, r = 2.");
    }

    [Theory]
    [InlineData(0, null, "w must be from 1 to 3; got 0.")]
    [InlineData(4, null, "w must be from 1 to 3; got 4.")]
    [InlineData(null, 0, "r must be from 1 to 3; got 0.")]
    [InlineData(2, 9, "r must be from 1 to 3; got 9.")]
    public void A_request_level_outside_one_to_n_is_refused(int? w, int? r, string expected)
    {
        QuorumPolicy.Majorities(3).TryWithRequest(w, r, out _, out var error).ShouldBeFalse();

        error.ShouldBe(expected);
    }

    [Fact]
    public void WithRequest_throws_the_same_message_for_levels_it_refuses() =>
        Should.Throw<ArgumentException>(() => QuorumPolicy.Majorities(3, linearizable: true).WithRequest(1, 1))
            .Message.ShouldStartWith("This keyspace is linearizable");

    [Property(MaxTest = 300)]
    public Property A_linearizable_keyspace_accepts_exactly_the_request_levels_at_or_above_its_own() =>
        Prop.ForAll(
            Gen.Choose(1, 7).ToArbitrary(),
            Gen.Choose(0, int.MaxValue).ToArbitrary(),
            (n, seed) =>
            {
                var random = new Random(seed);
                var (w, r) = (random.Next(1, n + 1), random.Next(1, n + 1));
                var policy = QuorumPolicy.Majorities(n, linearizable: true);
                var accepted = policy.TryWithRequest(w, r, out var effective, out _);
                return accepted == (w >= policy.W && r >= policy.R)
                    && (!accepted || (effective!.W == w && effective.R == r && effective.Validate().Count == 0));
            });
}
