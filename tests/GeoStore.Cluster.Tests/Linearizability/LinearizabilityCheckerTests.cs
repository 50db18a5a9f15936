using GeoStore.Testing.Linearizability;
using Shouldly;

namespace GeoStore.Cluster.Tests.Linearizability;

/// <summary>Classic small register histories with a known answer.</summary>
public sealed class LinearizabilityCheckerTests
{
    private static LinearizabilityResult Check(params RegisterOperation[] history) => LinearizabilityChecker.Check(history);

    [Fact]
    public void An_empty_history_is_linearizable() =>
        Check().Verdict.ShouldBe(LinearizabilityVerdict.Linearizable);

    [Fact]
    public void A_sequential_history_is_linearizable_and_its_witness_is_the_real_time_order()
    {
        var history = new[]
        {
            Op.Read("a", null, 0, 1),
            Op.Write("a", "1", 2, 3),
            Op.Read("b", "1", 4, 5),
            Op.Write("b", "2", 6, 7),
            Op.Read("a", "2", 8, 9),
        };

        var result = Check(history);

        result.IsLinearizable.ShouldBeTrue(result.Explanation);
        result.Linearization.ShouldBe(history);
        result.ValueAfterLinearization.ShouldBe("2");
        result.Blocked.ShouldBeNull();
    }

    [Fact]
    public void A_read_of_a_value_never_written_is_not_linearizable_and_is_named_as_the_blocked_operation()
    {
        var bogus = Op.Read("b", "42", 4, 5);

        var result = Check(Op.Write("a", "1", 0, 1), Op.Read("a", "1", 2, 3), bogus);

        result.Verdict.ShouldBe(LinearizabilityVerdict.NotLinearizable);
        result.IsLinearizable.ShouldBeFalse();
        result.Blocked.ShouldBe(bogus);
        result.Linearization.Count.ShouldBe(2);
        result.ValueAfterLinearization.ShouldBe("1");
        result.Explanation.ShouldContain("'42'");
    }

    [Fact]
    public void A_read_of_the_initial_value_after_a_completed_write_is_not_linearizable() =>
        Check(Op.Write("a", "1", 0, 1), Op.Read("b", null, 2, 3)).Verdict.ShouldBe(LinearizabilityVerdict.NotLinearizable);

    [Fact]
    public void The_initial_value_is_what_a_first_read_may_return()
    {
        LinearizabilityChecker.Check([Op.Read("a", "seed", 0, 1)], initialValue: "seed").IsLinearizable.ShouldBeTrue();
        LinearizabilityChecker.Check([Op.Read("a", null, 0, 1)], initialValue: "seed").IsLinearizable.ShouldBeFalse();
    }

    [Fact]
    public void A_read_cannot_return_a_write_invoked_after_the_read_returned() =>
        Check(Op.Read("a", "1", 0, 1), Op.Write("b", "1", 2, 3)).Verdict.ShouldBe(LinearizabilityVerdict.NotLinearizable);

    [Fact]
    public void A_read_may_return_a_concurrent_write_before_the_write_returns() =>
        Check(Op.Write("a", "1", 0, 10), Op.Read("b", "1", 1, 2)).IsLinearizable.ShouldBeTrue();

    [Fact]
    public void Reads_concurrent_with_a_write_may_see_either_value()
    {
        var result = Check(
            Op.Write("a", "1", 0, 1),
            Op.Write("a", "2", 2, 20),
            Op.Read("b", "2", 3, 5),
            Op.Read("c", "1", 4, 6),
            Op.Read("d", "1", 3, 8));

        result.IsLinearizable.ShouldBeTrue(result.Explanation);
    }

    [Fact]
    public void Two_reads_during_one_write_may_see_old_then_new()
    {
        var result = Check(Op.Write("a", "1", 0, 1), Op.Write("a", "2", 2, 20), Op.Read("b", "1", 3, 4), Op.Read("b", "2", 5, 6));

        result.IsLinearizable.ShouldBeTrue(result.Explanation);
    }

    [Fact]
    public void A_read_of_the_old_value_after_another_read_of_the_new_value_returned_is_not_linearizable()
    {
        // The write is still in flight, yet once a read has returned "2" no later read may return "1".
        var result = Check(Op.Write("a", "1", 0, 1), Op.Write("a", "2", 2, 20), Op.Read("b", "2", 3, 4), Op.Read("c", "1", 5, 6));

        result.Verdict.ShouldBe(LinearizabilityVerdict.NotLinearizable);
        result.Blocked!.Value.ShouldBe("1");
    }

    [Fact]
    public void Overlapping_reads_may_see_new_and_old_in_either_order() =>
        Check(Op.Write("a", "1", 0, 1), Op.Write("a", "2", 2, 20), Op.Read("b", "2", 3, 6), Op.Read("c", "1", 5, 7)).IsLinearizable.ShouldBeTrue();

    [Fact]
    public void Events_at_the_same_timestamp_count_as_concurrent() =>
        Check(Op.Write("a", "1", 0, 5), Op.Read("b", null, 5, 6)).IsLinearizable.ShouldBeTrue();

    [Fact]
    public void Concurrent_writes_may_take_effect_in_either_order_but_only_once_each()
    {
        Check(Op.Write("a", "1", 0, 10), Op.Write("b", "2", 0, 10), Op.Read("c", "2", 11, 12), Op.Read("c", "2", 13, 14)).IsLinearizable.ShouldBeTrue();
        Check(Op.Write("a", "1", 0, 10), Op.Write("b", "2", 0, 10), Op.Read("c", "1", 11, 12)).IsLinearizable.ShouldBeTrue();
        Check(Op.Write("a", "1", 0, 10), Op.Write("b", "2", 0, 10), Op.Read("c", "1", 1, 2), Op.Read("c", "2", 3, 4), Op.Read("c", "1", 5, 6))
            .Verdict.ShouldBe(LinearizabilityVerdict.NotLinearizable);
    }

    [Fact]
    public void A_failed_write_never_took_effect() =>
        Check(Op.FailedWrite("a", "1", 0, 1), Op.Read("b", "1", 2, 3)).Verdict.ShouldBe(LinearizabilityVerdict.NotLinearizable);

    [Fact]
    public void Reads_without_a_definite_outcome_constrain_nothing() =>
        Check(Op.Write("a", "1", 0, 1), Op.IndeterminateRead("b", "garbage", 2, 3), Op.Read("c", "1", 4, 5)).IsLinearizable.ShouldBeTrue();

    [Fact]
    public void A_completed_operation_without_a_return_time_is_rejected() =>
        Should.Throw<ArgumentException>(() => Check(new RegisterOperation(1, "a", OperationKind.Read, null, 0, null, OperationOutcome.Ok)));

    [Fact]
    public void A_completed_operation_that_returned_before_it_was_invoked_is_rejected() =>
        Should.Throw<ArgumentException>(() => Check(Op.Read("a", null, 5, 4)));

    [Fact]
    public void When_the_search_budget_runs_out_the_verdict_is_unknown_not_a_guess()
    {
        var history = AtomicRegisterSimulation.Run(seed: 11, clients: 5, operationsPerClient: 10);

        var result = LinearizabilityChecker.Check(history, maxStates: 3);

        result.Verdict.ShouldBe(LinearizabilityVerdict.Unknown);
        result.IsLinearizable.ShouldBeFalse();
        result.StatesExplored.ShouldBe(3);
        result.Explanation.ShouldContain("budget");
        LinearizabilityChecker.Check(history).IsLinearizable.ShouldBeTrue();
    }
}
