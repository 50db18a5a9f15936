using System.Diagnostics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GeoStore.Testing.Linearizability;
using Shouldly;

namespace GeoStore.Cluster.Tests.Linearizability;

/// <summary>Histories of an atomic register by construction (<see cref="AtomicRegisterSimulation"/>), intact and with one stale read.</summary>
public sealed class LinearizabilityPropertyTests(ITestOutputHelper output)
{
    private static readonly Gen<(int Seed, int Clients, int Operations, int MaxDuration)> Simulations =
        from seed in Gen.Choose(0, int.MaxValue)
        from clients in Gen.Choose(1, 5)
        from operations in Gen.Choose(1, 12)
        from maxDuration in Gen.Elements(3, 20, 60)
        select (seed, clients, operations, maxDuration);

    [Property(MaxTest = 200)]
    public Property Histories_of_an_atomic_register_are_linearizable() =>
        Prop.ForAll(Simulations.ToArbitrary(), s =>
        {
            var history = AtomicRegisterSimulation.Run(s.Seed, s.Clients, s.Operations, s.MaxDuration);
            var result = LinearizabilityChecker.Check(history);
            return result.IsLinearizable.Label($"{result.Explanation}{Environment.NewLine}{string.Join(Environment.NewLine, history)}");
        });

    [Property(MaxTest = 200)]
    public Property A_read_of_a_value_overwritten_before_it_began_is_caught() =>
        Prop.ForAll(Simulations.ToArbitrary(), s =>
        {
            var history = AtomicRegisterSimulation.Run(s.Seed, s.Clients, s.Operations, s.MaxDuration);
            var (broken, change) = AtomicRegisterSimulation.WithStaleRead(history, s.Seed);
            var result = LinearizabilityChecker.Check(broken);
            return (result.Verdict == LinearizabilityVerdict.NotLinearizable).Label($"{change}: {result.Explanation}");
        });

    [Property(MaxTest = 200)]
    public Property The_witness_respects_real_time_and_gives_every_read_its_value() =>
        Prop.ForAll(Simulations.ToArbitrary(), s =>
        {
            var history = AtomicRegisterSimulation.Run(s.Seed, s.Clients, s.Operations, s.MaxDuration);
            var witness = LinearizabilityChecker.Check(history).Linearization;
            var complete = witness.Where(o => o.Outcome == OperationOutcome.Ok).OrderBy(o => o.Id)
                .SequenceEqual(history.Where(o => o.Outcome == OperationOutcome.Ok).OrderBy(o => o.Id));
            var onlyPossibleWrites = witness.All(o => o.Outcome == OperationOutcome.Ok || o is { Kind: OperationKind.Write, Outcome: OperationOutcome.Indeterminate });
            var realTime = witness.Select((o, i) => witness.Skip(i + 1).All(later => !(later.Outcome == OperationOutcome.Ok && later.Returned < o.Invoked))).All(ok => ok);
            string? register = null;
            var readsMatch = witness.All(o => o.Kind == OperationKind.Write ? (register = o.Value) is var _ : o.Value == register);
            return (complete && onlyPossibleWrites && realTime && readsMatch)
                .Label($"complete {complete}, only possible writes {onlyPossibleWrites}, real time {realTime}, reads match {readsMatch}");
        });

    [Theory]
    [InlineData(5, 50, 20)]
    [InlineData(5, 50, 200)]
    [InlineData(8, 40, 200)]
    public void Hundreds_of_operations_from_several_clients_get_a_verdict_and_the_time_is_reported(int clients, int operationsPerClient, int maxDuration)
    {
        var history = AtomicRegisterSimulation.Run(seed: 2024, clients, operationsPerClient, maxDuration);
        var (broken, change) = AtomicRegisterSimulation.WithStaleRead(history, seed: 7);

        var clock = Stopwatch.StartNew();
        var good = LinearizabilityChecker.Check(history);
        var goodTime = clock.Elapsed;
        clock.Restart();
        var bad = LinearizabilityChecker.Check(broken);
        var badTime = clock.Elapsed;

        output.WriteLine($"{history.Count} operations, {clients} clients, durations up to {maxDuration} ticks");
        output.WriteLine($"linearizable: {goodTime.TotalMilliseconds:0.0} ms, {good.StatesExplored} states");
        output.WriteLine($"stale read ({change}): {badTime.TotalMilliseconds:0.0} ms, {bad.StatesExplored} states");
        output.WriteLine(bad.Explanation);
        good.IsLinearizable.ShouldBeTrue(good.Explanation);
        bad.Verdict.ShouldBe(LinearizabilityVerdict.NotLinearizable, change);
    }
}
