using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GeoStore.Core.Crdts;
using Shouldly;

namespace GeoStore.Core.Tests.Crdts;

/// <summary>
/// Random histories at three regions (local operations, merges of each other's states at random
/// moments), then every state ever held is delivered to every region in random order with
/// duplicates. A failure prints FsCheck's replay seed: put it in <c>[Property(Replay = "…")]</c>.
/// </summary>
public sealed class CrdtConvergenceProperties
{
    private static readonly Gen<HistoryStep> Step =
        from action in Gen.Choose(0, 9)
        from region in Gen.Choose(0, 2)
        from other in Gen.Choose(0, 2)
        from argument in Gen.Choose(0, 999)
        select new HistoryStep(action, region, other, argument);

    private static Arbitrary<HistoryStep[]> Histories { get; } = Arb.From(Gen.ArrayOf(Step), Shorter);

    private static Arbitrary<int> Seeds { get; } = Gen.Choose(0, int.MaxValue).ToArbitrary();

    [Property(MaxTest = 150)]
    public Property Counter_replicas_converge_without_losing_an_increment() =>
        Converges(CrdtType.PnCounter, (history, final) =>
            final.Counter!.Value.ShouldBe(history.Events.Sum(e => Signed(e.Operation))));

    [Property(MaxTest = 150)]
    public Property Set_replicas_converge_on_the_adds_no_remove_saw() =>
        Converges(CrdtType.OrSet, (history, final) =>
            final.Set!.Values.ShouldBe(ExpectedElements(history.Events)));

    [Property(MaxTest = 150)]
    public Property Lww_register_replicas_converge_on_the_greatest_timestamp_then_region() =>
        Converges(CrdtType.LwwRegister, (history, final) =>
            final.LwwRegister!.Json.ShouldBe(Latest(history.Events)?.Operation.Value));

    [Property(MaxTest = 150)]
    public Property Mv_register_replicas_converge_on_the_assignments_no_other_assignment_saw() =>
        Converges(CrdtType.MvRegister, (history, final) =>
            final.MvRegister!.Texts.ShouldBe(history.Events
                .Where(e => !history.Events.Any(other => ReplicaHistory.Saw(other, e)))
                .Select(e => e.Operation.Value!)
                .Order(StringComparer.Ordinal)));

    [Property(MaxTest = 150)]
    public Property Map_replicas_converge_field_by_field() =>
        Converges(CrdtType.Map, (history, final) =>
        {
            foreach (var field in ReplicaHistory.Fields)
            {
                var updates = history.Events.Where(e => e.Operation.Kind == CrdtOperationKind.Update && e.Operation.Field == field).ToList();
                var removals = history.Events.Where(e => e.Operation.Kind == CrdtOperationKind.RemoveField && e.Operation.Field == field).ToList();
                var unremoved = updates.Where(u => !removals.Any(r => ReplicaHistory.Saw(r, u))).ToList();

                final.Map!.FieldNames.Contains(field).ShouldBe(unremoved.Count > 0, $"field '{field}' present");
                if (unremoved.Count == 0)
                {
                    continue;
                }

                var value = final.Map.Get(field)!;
                switch (field)
                {
                    case "hits":
                        value.Counter!.Value.ShouldBe(unremoved.Sum(u => Signed(u.Operation.Operation!)));
                        break;
                    case "tags":
                        // Removing the field removes the elements it saw, as a remove of every element would.
                        var asSet = updates.Select(u => u with { Operation = u.Operation.Operation! })
                            .Concat(removals.Select(r => r with { Operation = CrdtOperation.Remove(ReplicaHistory.Elements) }));
                        value.Set!.Values.ShouldBe(ExpectedElements([.. asSet]));
                        break;
                    default:
                        var latest = Latest(updates)!;
                        var cleared = removals.Any(r => ReplicaHistory.Saw(r, latest));
                        value.LwwRegister!.Json.ShouldBe(cleared ? null : latest.Operation.Operation!.Value);
                        break;
                }
            }
        });

    [Property(MaxTest = 100)]
    public Property Map_replicas_converge_when_regions_give_a_field_different_types() =>
        Prop.ForAll(Histories, Seeds, (steps, seed) =>
        {
            var history = ReplicaHistory.Play(CrdtType.Map, steps, mixedFieldTypes: true);
            var everything = history.Snapshots.Aggregate(CrdtValue.Merge);

            history.DeliverEverything(new Random(seed)).ShouldAllBe(replica => replica.Equals(everything));
        });

    [Property(MaxTest = 150)]
    public Property Merge_is_commutative_associative_and_idempotent_over_reachable_states() =>
        Prop.ForAll(Gen.Elements(Enum.GetValues<CrdtType>()).ToArbitrary(), Histories, Seeds, (type, steps, seed) =>
        {
            var states = ReplicaHistory.Play(type, steps, mixedFieldTypes: seed % 2 == 0).Snapshots;
            var random = new Random(seed);
            for (var i = 0; i < 10; i++)
            {
                var (x, y, z) = (states[random.Next(states.Count)], states[random.Next(states.Count)], states[random.Next(states.Count)]);
                var xy = CrdtValue.Merge(x, y);

                xy.ShouldBe(CrdtValue.Merge(y, x), "commutative");
                CrdtValue.Merge(xy, z).ShouldBe(CrdtValue.Merge(x, CrdtValue.Merge(y, z)), "associative");
                CrdtValue.Merge(x, x).ShouldBe(x, "idempotent");
                CrdtValue.Merge(xy, y).ShouldBe(xy, "absorbs what it has seen");
            }
        });

    private static Property Converges(CrdtType type, Action<ReplicaHistory, CrdtValue> outcome) =>
        Prop.ForAll(Histories, Seeds, (steps, seed) =>
        {
            var history = ReplicaHistory.Play(type, steps);
            var everything = history.Snapshots.Aggregate(CrdtValue.Merge);

            foreach (var replica in history.DeliverEverything(new Random(seed)))
            {
                replica.ShouldBe(everything);
                replica.ToJson().ToJsonString().ShouldBe(everything.ToJson().ToJsonString());
            }

            outcome(history, everything);
        });

    private static long Signed(CrdtOperation operation) =>
        operation.Kind == CrdtOperationKind.Increment ? operation.By : -operation.By;

    /// <summary>Add-wins: an element is present when some add of it was seen by no remove of it.</summary>
    private static IEnumerable<string> ExpectedElements(IReadOnlyList<HistoryEvent> events) =>
        events
            .Where(e => e.Operation.Kind == CrdtOperationKind.Add)
            .SelectMany(add => add.Operation.Elements
                .Where(element => !events.Any(r =>
                    r.Operation.Kind == CrdtOperationKind.Remove && r.Operation.Elements.Contains(element) && ReplicaHistory.Saw(r, add))))
            .Distinct()
            .Order(StringComparer.Ordinal);

    private static HistoryEvent? Latest(IEnumerable<HistoryEvent> events) =>
        events.OrderByDescending(e => e.Timestamp).ThenByDescending(e => e.Region, StringComparer.Ordinal).FirstOrDefault();

    /// <summary>Shrinks a failing history by dropping its second half, its first half, then one step at a time.</summary>
    private static IEnumerable<HistoryStep[]> Shorter(HistoryStep[] steps)
    {
        if (steps.Length > 1)
        {
            yield return steps[..(steps.Length / 2)];
            yield return steps[(steps.Length / 2)..];
        }

        for (var i = 0; i < steps.Length; i++)
        {
            yield return [.. steps[..i], .. steps[(i + 1)..]];
        }
    }
}
