using GeoStore.Testing.Linearizability;
using Shouldly;

namespace GeoStore.Cluster.Tests.Linearizability;

/// <summary>
/// A write whose outcome is unknown (timeout, quorum not met) is treated as Knossos treats an :info operation:
/// it may take effect at any single instant after its invocation, even after its client gave up, or never.
/// </summary>
public sealed class IndeterminateWriteTests
{
    private static LinearizabilityResult Check(params RegisterOperation[] history) => LinearizabilityChecker.Check(history);

    [Fact]
    public void It_may_never_take_effect()
    {
        var result = Check(Op.IndeterminateWrite("a", "1", 0, 5), Op.Read("b", null, 6, 7), Op.Read("b", null, 100, 101));

        result.IsLinearizable.ShouldBeTrue(result.Explanation);
        result.Linearization.ShouldNotContain(o => o.Kind == OperationKind.Write);
    }

    [Fact]
    public void It_may_take_effect_long_after_its_client_gave_up()
    {
        var result = Check(Op.IndeterminateWrite("a", "1", 0, 5), Op.Read("b", null, 6, 7), Op.Read("b", null, 50, 51), Op.Read("c", "1", 100, 101));

        result.IsLinearizable.ShouldBeTrue(result.Explanation);
        result.Linearization.Select(o => o.Value).ShouldBe([null, null, "1", "1"]);
    }

    [Fact]
    public void It_may_take_effect_before_a_completed_write_that_then_overwrites_it() =>
        Check(Op.IndeterminateWrite("a", "1", 0, 5), Op.Read("b", "1", 1, 2), Op.Write("b", "2", 6, 7), Op.Read("c", "2", 8, 9))
            .IsLinearizable.ShouldBeTrue();

    [Fact]
    public void It_cannot_take_effect_before_it_was_invoked() =>
        Check(Op.Read("b", "1", 0, 1), Op.IndeterminateWrite("a", "1", 2, 5)).Verdict.ShouldBe(LinearizabilityVerdict.NotLinearizable);

    [Fact]
    public void Once_seen_its_value_stays_until_another_write()
    {
        // Old, new, old: the write cannot be undone once a read has returned its value.
        var result = Check(Op.IndeterminateWrite("a", "1", 0, 5), Op.Read("b", "1", 1, 2), Op.Read("b", null, 3, 4));

        result.Verdict.ShouldBe(LinearizabilityVerdict.NotLinearizable);
        result.Blocked!.Kind.ShouldBe(OperationKind.Read);
        result.Blocked.Value.ShouldBeNull();
    }

    [Fact]
    public void It_takes_effect_at_most_once()
    {
        Check(Op.IndeterminateWrite("a", "1", 0, 5), Op.IndeterminateWrite("b", "2", 0, 5), Op.Read("c", "2", 6, 7), Op.Read("c", "1", 8, 9))
            .IsLinearizable.ShouldBeTrue();
        Check(Op.IndeterminateWrite("a", "1", 0, 5), Op.IndeterminateWrite("b", "2", 0, 5), Op.Read("c", "2", 6, 7), Op.Read("c", "1", 8, 9), Op.Read("c", "2", 10, 11))
            .Verdict.ShouldBe(LinearizabilityVerdict.NotLinearizable);
    }

    [Fact]
    public void A_client_that_gave_up_may_go_on_and_its_old_write_may_still_land() =>
        Check(Op.IndeterminateWrite("a", "1", 0, 5), Op.Write("a", "2", 6, 7), Op.Read("a", "2", 8, 9), Op.Read("b", "1", 10, 11))
            .IsLinearizable.ShouldBeTrue();
}
