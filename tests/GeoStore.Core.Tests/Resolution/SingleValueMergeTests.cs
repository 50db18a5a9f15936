using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GeoStore.Core.Clocks;
using GeoStore.Core.Resolution;
using GeoStore.Core.Versioning;
using Shouldly;

namespace GeoStore.Core.Tests.Resolution;

/// <summary>
/// Random histories of a single-value key at three regions (<see cref="SingleValueHistory"/>),
/// then every write delivered everywhere in random orders with duplicates.
/// </summary>
public sealed class SingleValueMergeTests
{
    /// <summary>
    /// Not Lww, but consistent with causality: the newer timestamp survives (a causal successor
    /// always has one), and on a tie the lower region name does, where Lww keeps the higher.
    /// </summary>
    private static readonly ConcurrentChoice LowerRegionOnTies = (a, b) =>
    {
        var byTime = a.Version.Timestamp.CompareTo(b.Version.Timestamp);
        return byTime != 0 ? (byTime > 0 ? a : b) : (string.CompareOrdinal(a.Version.Region, b.Version.Region) <= 0 ? a : b);
    };

    /// <summary>
    /// A total order that ignores causality, like a business rule: the lowest first byte survives,
    /// a tombstone loses to any value, ties go to the higher version.
    /// </summary>
    private static readonly ConcurrentChoice LowestByte = (a, b) =>
    {
        var order = Rank(a).CompareTo(Rank(b));
        return order < 0 || (order == 0 && a.Version.CompareTo(b.Version) >= 0) ? a : b;

        static int Rank(VersionedValue v) => v.Value is { Length: > 0 } bytes ? bytes[0] : 256;
    };

    private static readonly (string Name, ConcurrentChoice Choose)[] Choices =
        [("lww", SingleValueMerge.LastWriterWins), ("lower region on ties", LowerRegionOnTies), ("lowest byte", LowestByte)];

    private static readonly Gen<(List<SingleValueHistory.Step> Steps, int Seed)> HistoryAndSeed =
        from steps in SingleValueHistory.Histories
        from seed in Gen.Choose(0, int.MaxValue)
        select (steps, seed);

    private static readonly Gen<(List<SingleValueHistory.Step> Steps, int Seed, int Choice)> HistorySeedAndChoice =
        from input in HistoryAndSeed
        from choice in Gen.Choose(0, Choices.Length - 1)
        select (input.Steps, input.Seed, choice);

    [Property(MaxTest = 300)]
    public Property Lww_replicas_converge_to_the_same_value_and_seen_vector_after_full_delivery() =>
        ForDeliveredHistories(SingleValueMerge.LastWriterWins, Converged);

    [Property(MaxTest = 300)]
    public Property Lww_keeps_the_write_with_the_highest_version() =>
        ForDeliveredHistories(
            SingleValueMerge.LastWriterWins,
            history =>
            {
                var highest = history.Writes.Select(w => w.Version).DefaultIfEmpty().Max();
                return history.Replicas.All(r => Equals(r.Value?.Version, highest))
                    .Label($"highest {highest}; replicas hold {string.Join(", ", history.Replicas.Select(r => r.Value?.Version))}");
            });

    [Property(MaxTest = 300)]
    public Property A_choice_that_orders_causal_successors_after_their_past_converges_like_lww() =>
        ForDeliveredHistories(
            LowerRegionOnTies,
            history =>
            {
                var best = history.Writes.Select(w => w.Value).Aggregate((VersionedValue?)null, (a, b) => a is null ? b : LowerRegionOnTies(a, b));
                return Converged(history).And(history.Replicas.All(r => Equals(r.Value?.Version, best?.Version)).Label($"best {best?.Version}"));
            });

    [Fact]
    public void A_pairwise_choice_that_disagrees_with_causality_diverges_which_is_why_custom_keyspaces_keep_their_frontier()
    {
        // i at eu-west; x at us-east, concurrent with i; y at ap-south after seeing i. The choice
        // prefers i over x and x over y, while y overwrote i causally. One value per replica cannot
        // settle this: each region ends with what it happened to keep. FrontierChoiceTests shows the fix.
        var i = Value(100, "eu-west", 1);
        var x = Value(101, "us-east", 2);
        var y = Value(102, "ap-south", 3);
        var seenI = TimestampVector.Empty.With(i.Version);
        var seenX = TimestampVector.Empty.With(x.Version);
        var seenY = seenI.With(y.Version);

        // eu-west: i, then x (i wins the conflict), then y (overwrites i).
        var euWest = SingleValueMerge.Merge(new SingleValueState(i, seenI), x, seenX, LowestByte).State;
        euWest = SingleValueMerge.Merge(euWest, y, seenY, LowestByte).State;

        // us-east: x, then y (x wins the conflict), then i (seen already, through y).
        var usEast = SingleValueMerge.Merge(new SingleValueState(x, seenX), y, seenY, LowestByte).State;
        usEast = SingleValueMerge.Merge(usEast, i, seenI, LowestByte).State;

        usEast.Seen.ShouldBe(euWest.Seen);
        usEast.Value.ShouldNotBe(euWest.Value);
    }

    [Property(MaxTest = 300)]
    public Property No_replica_ever_holds_a_write_once_it_has_seen_a_write_that_followed_it() =>
        ForDeliveredHistoriesUnderEveryChoice((history, _) =>
            (history.HeldSuperseded.Count == 0).Label(string.Join(Environment.NewLine, history.HeldSuperseded.Take(3))));

    [Property(MaxTest = 300)]
    public Property A_loser_is_reported_exactly_when_a_new_write_meets_a_concurrent_held_one() =>
        ForDeliveredHistoriesUnderEveryChoice((history, choose) =>
        {
            var wrong = history.Merges.Where(merge =>
            {
                var (before, incoming, outcome) = (merge.Before, merge.Incoming, merge.Outcome);
                var held = before.Value is { } value ? history.WriteOf(value) : null;
                var concurrent = held is not null
                    && !before.Seen.Covers(incoming.Version)
                    && !incoming.Seen.Covers(held.Version)
                    && !held.Seen.Covers(incoming.Version);
                if (outcome.Loser is not { } loser)
                {
                    return concurrent;
                }

                var survivor = choose(held!.Value, incoming.Value);
                var other = ReferenceEquals(survivor, incoming.Value) ? held.Value : incoming.Value;
                return !concurrent || !ReferenceEquals(outcome.State.Value, survivor) || !ReferenceEquals(loser, other);
            }).ToList();
            return (wrong.Count == 0).Label(string.Join(Environment.NewLine, wrong.Take(3)));
        });

    [Property(MaxTest = 300)]
    public Property A_causal_overwrite_or_a_duplicate_never_reports_a_loser() =>
        ForDeliveredHistoriesUnderEveryChoice((history, _) =>
            history.Merges.Where(m => m.Outcome.Loser is not null).All(m =>
                !m.Before.Seen.Covers(m.Incoming.Version) && !m.Incoming.Follows(history.WriteOf(m.Before.Value!))));

    [Property(MaxTest = 300)]
    public Property Merging_the_same_entry_a_second_time_changes_nothing() =>
        ForDeliveredHistoriesUnderEveryChoice((history, _) =>
            (history.NotIdempotent.Count == 0).Label(string.Join(Environment.NewLine, history.NotIdempotent.Take(3))));

    /// <summary>
    /// Not "every discarded write is in the survivor's past or was logged": a write that a later
    /// loser had overwritten is never logged itself (see the fact below). What holds: at each
    /// replica, every other write is in the survivor's past, or is a loser that replica logged, or
    /// is in such a loser's past.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property At_every_replica_each_discarded_write_is_in_the_survivors_past_or_a_logged_losers_past() =>
        ForDeliveredHistoriesUnderEveryChoice((history, _) =>
        {
            var unaccounted = new List<string>();
            for (var replica = 0; replica < history.Replicas.Count; replica++)
            {
                var survivor = history.Replicas[replica].Value is { } value ? history.WriteOf(value) : null;
                var losers = history.Merges.Where(m => m.Replica == replica && m.Outcome.Loser is not null)
                    .Select(m => history.WriteOf(m.Outcome.Loser!)).ToList();
                unaccounted.AddRange(history.Writes
                    .Where(w => !ReferenceEquals(w, survivor)
                        && !(survivor?.Follows(w) ?? false)
                        && !losers.Any(l => l.Seen.Covers(w.Version)))
                    .Select(w => $"{SingleValueHistory.Regions[replica]} survivor {survivor}: {w} is unaccounted for"));
            }

            return (unaccounted.Count == 0).Label(string.Join(Environment.NewLine, unaccounted.Take(3)));
        });

    [Fact]
    public void A_write_a_later_loser_had_overwritten_is_not_itself_logged()
    {
        var i = Value(100, "eu-west", 1);
        var y = Value(101, "ap-south", 2);
        var x = Value(105, "us-east", 3);
        var seenI = TimestampVector.Empty.With(i.Version);
        var seenY = seenI.With(y.Version);
        var seenX = TimestampVector.Empty.With(x.Version);
        var lww = (ConcurrentChoice)SingleValueMerge.LastWriterWins;

        // eu-west: i, overwritten by y, which loses to x.
        var atEuWest = SingleValueMerge.Merge(new SingleValueState(i, seenI), y, seenY, lww);
        var xAtEuWest = SingleValueMerge.Merge(atEuWest.State, x, seenX, lww);
        // us-east: x; y loses to it; i is in y's past already.
        var yAtUsEast = SingleValueMerge.Merge(new SingleValueState(x, seenX), y, seenY, lww);
        var iAtUsEast = SingleValueMerge.Merge(yAtUsEast.State, i, seenI, lww);

        atEuWest.Loser.ShouldBeNull();
        xAtEuWest.Loser.ShouldBeSameAs(y);
        yAtUsEast.Loser.ShouldBeSameAs(y);
        iAtUsEast.Changed.ShouldBeFalse();
        iAtUsEast.Loser.ShouldBeNull();
        xAtEuWest.State.Value.ShouldBeSameAs(x);
        iAtUsEast.State.Value.ShouldBeSameAs(x);
        seenX.Covers(i.Version).ShouldBeFalse();
    }

    [Fact]
    public void A_write_that_saw_the_held_value_replaces_it_without_a_conflict_even_when_its_version_is_lower_in_the_choice()
    {
        var held = Value(100, "us-east", 1);
        var next = Value(101, "eu-west", 9);
        var seen = TimestampVector.Empty.With(held.Version);

        var outcome = SingleValueMerge.Merge(new SingleValueState(held, seen), next, seen.With(next.Version), LowestByte);

        outcome.Changed.ShouldBeTrue();
        outcome.Loser.ShouldBeNull();
        outcome.State.Value.ShouldBeSameAs(next);
        outcome.State.Seen.ShouldBe(seen.With(next.Version));
    }

    [Fact]
    public void Concurrent_writes_keep_the_choices_survivor_and_report_the_other()
    {
        var east = Value(100, "us-east", 1);
        var west = Value(100, "eu-west", 2);
        var seenEast = TimestampVector.Empty.With(east.Version);

        var lww = SingleValueMerge.Merge(new SingleValueState(west, TimestampVector.Empty.With(west.Version)), east, seenEast, SingleValueMerge.LastWriterWins);
        var lowest = SingleValueMerge.Merge(new SingleValueState(west, TimestampVector.Empty.With(west.Version)), east, seenEast, LowestByte);

        lww.State.Value.ShouldBeSameAs(east);
        lww.Loser.ShouldBeSameAs(west);
        lowest.State.Value.ShouldBeSameAs(east);
        lowest.Loser.ShouldBeSameAs(west);
        lww.State.Seen.Covers(west.Version).ShouldBeTrue();
        lww.State.Seen.Covers(east.Version).ShouldBeTrue();
    }

    [Fact]
    public void A_newer_concurrent_tombstone_beats_a_write_under_lww_and_the_write_is_reported()
    {
        var write = Value(100, "us-east", 1);
        var delete = VersionedValue.Tombstone(new WriteVersion(new HybridTimestamp(101, 0), "eu-west"));

        var outcome = SingleValueMerge.Merge(
            new SingleValueState(write, TimestampVector.Empty.With(write.Version)), delete, TimestampVector.Empty.With(delete.Version), SingleValueMerge.LastWriterWins);

        outcome.State.Value.ShouldBeSameAs(delete);
        outcome.Loser.ShouldBeSameAs(write);
    }

    [Fact]
    public void The_first_write_an_empty_replica_receives_is_taken_as_it_is()
    {
        var write = Value(100, "us-east", 1);

        var outcome = SingleValueMerge.Merge(SingleValueState.Empty, write, null, SingleValueMerge.LastWriterWins);

        outcome.ShouldBe(new SingleValueOutcome(new SingleValueState(write, TimestampVector.Empty.With(write.Version)), true, null));
    }

    [Fact]
    public void An_old_write_arriving_after_its_successor_changes_nothing()
    {
        var old = Value(100, "us-east", 1);
        var successor = Value(101, "us-east", 2);
        var state = new SingleValueState(successor, TimestampVector.Empty.With(old.Version).With(successor.Version));

        var outcome = SingleValueMerge.Merge(state, old, TimestampVector.Empty.With(old.Version), LowestByte);

        outcome.Changed.ShouldBeFalse();
        outcome.Loser.ShouldBeNull();
        outcome.State.ShouldBeSameAs(state);
    }

    private static VersionedValue Value(long wall, string region, byte value) =>
        new(new WriteVersion(new HybridTimestamp(wall, 0), region), [value], "application/octet-stream");

    private static Property Converged(SingleValueHistory history)
    {
        var allSeen = history.Writes.Aggregate(TimestampVector.Empty, (seen, w) => seen.Join(w.Seen));
        var first = history.Replicas[0];
        return history.Replicas.All(r => Equals(r.Value?.Version, first.Value?.Version) && r.Seen.Equals(allSeen))
            .Label($"replicas: {string.Join(" | ", history.Replicas.Select(r => $"{r.Value?.Version} [{r.Seen}]"))}; every write: [{allSeen}]");
    }

    private static Property ForDeliveredHistories(ConcurrentChoice choose, Func<SingleValueHistory, Property> property) =>
        Prop.ForAll(
            HistoryAndSeed.ToArbitrary(),
            input =>
            {
                var history = SingleValueHistory.Run(input.Steps, choose);
                history.DeliverEverything(new Random(input.Seed));
                return property(history);
            });

    private static Property ForDeliveredHistoriesUnderEveryChoice(Func<SingleValueHistory, ConcurrentChoice, bool> property) =>
        ForDeliveredHistoriesUnderEveryChoice((history, choose) => property(history, choose).ToProperty());

    private static Property ForDeliveredHistoriesUnderEveryChoice(Func<SingleValueHistory, ConcurrentChoice, Property> property) =>
        Prop.ForAll(
            HistorySeedAndChoice.ToArbitrary(),
            input =>
            {
                var (name, choose) = Choices[input.Choice];
                var history = SingleValueHistory.Run(input.Steps, choose);
                history.DeliverEverything(new Random(input.Seed));
                return property(history, choose).Label($"choice: {name}");
            });
}
