using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GeoStore.Core.Causality;

namespace GeoStore.Core.Tests.Causality;

/// <summary>
/// Random histories at three regions (<see cref="CausalHistory"/>): clients read at one region and
/// write with that context at the same or another, regions merge each other's states at random
/// moments, then everything is delivered everywhere in random orders with duplicates.
/// </summary>
public sealed class SiblingSetPropertyTests
{
    private static readonly Gen<(List<CausalHistory.Step> Steps, int Seed)> HistoryAndSeed =
        from steps in CausalHistory.Histories
        from seed in Gen.Choose(0, int.MaxValue)
        select (steps, seed);

    [Property(MaxTest = 300)]
    public Property Every_replica_converges_to_the_same_set_after_full_delivery() =>
        Prop.ForAll(
            HistoryAndSeed.ToArbitrary(),
            input =>
            {
                var history = CausalHistory.Run(input.Steps);
                var final = history.DeliverEverything(new Random(input.Seed));
                var joinOfAll = history.States.Aggregate(SiblingSet.Merge);
                return final.All(replica => replica.Equals(joinOfAll))
                    .Label($"replicas: {string.Join(" | ", final.AsEnumerable())}; join of all states: {joinOfAll}");
            });

    [Property(MaxTest = 300)]
    public Property The_converged_siblings_are_exactly_the_writes_no_other_writes_context_saw() =>
        Prop.ForAll(
            HistoryAndSeed.ToArbitrary(),
            input =>
            {
                var history = CausalHistory.Run(input.Steps);
                var converged = history.DeliverEverything(new Random(input.Seed))[0];
                var expected = history.Uncovered().Select(w => new Sibling(w.Dot, w.Value)).OrderBy(s => s.Dot).ToArray();
                return converged.Siblings.SequenceEqual(expected)
                    .Label($"expected [{string.Join(", ", expected.AsEnumerable())}], converged to {converged}");
            });

    [Property(MaxTest = 300)]
    public Property No_replica_ever_holds_an_invented_write_or_loses_one_that_no_context_saw() =>
        Prop.ForAll(
            CausalHistory.Histories.ToArbitrary(),
            steps =>
            {
                var history = CausalHistory.Run(steps);
                return (history.Violations.Count == 0).Label(string.Join(Environment.NewLine, history.Violations.Take(3)));
            });

    [Property(MaxTest = 300)]
    public Property The_cap_check_predicts_how_many_siblings_a_write_leaves() =>
        Prop.ForAll(
            CausalHistory.Histories.ToArbitrary(),
            steps => CausalHistory.Run(steps).CapChecks.All(check => check.Predicted == check.Actual));

    [Property(MaxTest = 300)]
    public Property Merge_is_commutative() =>
        ForThreeStates((a, b, _) => SiblingSet.Merge(a, b).Equals(SiblingSet.Merge(b, a)));

    [Property(MaxTest = 300)]
    public Property Merge_is_associative() =>
        ForThreeStates((a, b, c) =>
            SiblingSet.Merge(SiblingSet.Merge(a, b), c).Equals(SiblingSet.Merge(a, SiblingSet.Merge(b, c))));

    [Property(MaxTest = 300)]
    public Property Merge_is_idempotent() =>
        ForThreeStates((a, b, _) =>
        {
            var merged = SiblingSet.Merge(a, b);
            return SiblingSet.Merge(a, a).Equals(a) && SiblingSet.Merge(merged, b).Equals(merged) && SiblingSet.Merge(merged, a).Equals(merged);
        });

    [Property(MaxTest = 300)]
    public Property The_merge_report_accounts_for_every_sibling() =>
        ForThreeStates((current, incoming, _) =>
        {
            var report = SiblingSet.MergeWithReport(current, incoming);
            var kept = current.Siblings.Except(report.Dropped);
            return report.Dropped.All(current.Siblings.Contains)
                && report.Added.All(incoming.Siblings.Contains)
                && !report.Added.Any(current.Siblings.Contains)
                && report.Result.Siblings.OrderBy(s => s.Dot).SequenceEqual(kept.Concat(report.Added).OrderBy(s => s.Dot));
        });

    /// <summary>
    /// Three states from one random history. Merge needs states of one key (a dot names one write),
    /// so arbitrary sets would not do; states a history produced are exactly what replicas exchange.
    /// </summary>
    private static Property ForThreeStates(Func<SiblingSet, SiblingSet, SiblingSet, bool> property) =>
        Prop.ForAll(
            (from steps in CausalHistory.Histories
             from picks in Gen.Choose(0, int.MaxValue).Three()
             select (steps, picks)).ToArbitrary(),
            input =>
            {
                var states = CausalHistory.Run(input.steps).States;
                var (a, b, c) = input.picks;
                return property(states[a % states.Count], states[b % states.Count], states[c % states.Count]);
            });
}
