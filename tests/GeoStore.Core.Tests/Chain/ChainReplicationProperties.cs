using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Shouldly;

namespace GeoStore.Core.Tests.Chain;

/// <summary>
/// Chains of 3 to 5 regions under random writes, FIFO links racing each other, failures of any
/// member but the last and rejoins at the tail (<see cref="ChainSimulation"/>). A failure prints
/// FsCheck's replay seed (put it in <c>[Property(Replay = "…")]</c>) and the simulation's last steps.
/// </summary>
public sealed class ChainReplicationProperties
{
    private static readonly Arbitrary<Run> Runs = (
        from regions in Gen.Choose(3, 5)
        from steps in Gen.Choose(10, 400)
        from seed in Gen.Choose(0, int.MaxValue)
        select new Run(regions, steps, seed)).ToArbitrary();

    [Property(MaxTest = 300)]
    public Property No_acknowledged_write_is_lost_and_every_surviving_member_ends_with_the_same_history() =>
        Prop.ForAll(Runs, run =>
        {
            var chain = run.Play(_ => { });

            chain.DeliverEverything();

            chain.AssertQuiescentChainHoldsEveryAcknowledgedWrite();
        });

    [Property(MaxTest = 300)]
    public Property Every_members_history_is_a_prefix_of_its_predecessors_after_every_step() =>
        Prop.ForAll(Runs, run => run.Play(chain => chain.AssertPrefixes()).AssertPrefixes());

    [Property(MaxTest = 300)]
    public Property Every_member_that_serves_reads_holds_every_acknowledged_write_after_every_step() =>
        Prop.ForAll(Runs, run => run.Play(chain => chain.AssertReadersHoldEveryAcknowledgedWrite()));

    [Property(MaxTest = 300)]
    public Property Tail_reads_and_craq_reads_at_any_member_return_the_newest_acknowledged_write() =>
        Prop.ForAll(Runs, run =>
        {
            var chain = run.Play(chain => chain.AssertReadsReturnTheNewestAcknowledgedWrite());

            chain.DeliverEverything();

            chain.AssertReadsReturnTheNewestAcknowledgedWrite();
        });

    [Fact]
    public void The_simulation_reaches_head_middle_and_tail_failures_rejoins_and_resends()
    {
        var chains = Enumerable.Range(0, 50).Select(seed => new Run(3 + seed % 3, 300, seed).Play(_ => { })).ToList();

        chains.Sum(c => c.HeadFailures).ShouldBeGreaterThan(0);
        chains.Sum(c => c.MiddleFailures).ShouldBeGreaterThan(0);
        chains.Sum(c => c.TailFailures).ShouldBeGreaterThan(0);
        chains.Sum(c => c.Rejoins).ShouldBeGreaterThan(0);
        chains.Sum(c => c.Resent).ShouldBeGreaterThan(0);
        chains.Sum(c => c.Acknowledged.Count).ShouldBeGreaterThan(1000);
    }

    public sealed record Run(int Regions, int Steps, int Seed)
    {
        internal ChainSimulation Play(Action<ChainSimulation> afterEachStep)
        {
            var chain = new ChainSimulation(Regions, Seed);
            for (var i = 0; i < Steps; i++)
            {
                chain.Step();
                afterEachStep(chain);
            }

            return chain;
        }
    }
}
