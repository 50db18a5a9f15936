using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GeoStore.Core.Clocks;
using GeoStore.Core.Replication;
using GeoStore.Core.Versioning;
using Shouldly;

namespace GeoStore.Core.Tests;

public sealed class InboundCursorTests
{
    private static readonly Guid Incarnation = Guid.Parse("8c8a2f1e-0d4b-4f5e-9a55-3b8f5c1d2e7a");

    private static LogEntry Entry(long sequence) =>
        new(sequence, "us-east", "default", $"k{sequence % 3}", new VersionedValue(new WriteVersion(new HybridTimestamp(sequence, 0), "us-east"), [(byte)sequence], null));

    private static ReplicationBatch Batch(long from, long through) =>
        new("us-east", 0, Incarnation, from, through, [.. Enumerable.Range((int)from, (int)(through - from + 1)).Select(i => Entry(i))]);

    /// <summary>
    /// The network delivers a random stream of batches (any ranges, duplicated, out of order); the
    /// receiver applies what the cursor lets through. Whatever arrives, every entry up to the
    /// highest contiguous one is applied exactly once, in sequence order.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property Duplicated_and_reordered_batches_apply_each_entry_once_in_order() =>
        Prop.ForAll(
            Gen.ListOf(Gen.Choose(1, 40).SelectMany(from => Gen.Choose(from, Math.Min(from + 6, 40)).Select(through => (from, through)))).ToArbitrary(),
            deliveries =>
            {
                var position = new InboundPosition(Incarnation, 0);
                var applied = new List<long>();
                foreach (var (from, through) in deliveries)
                {
                    var plan = InboundCursor.Plan(position, Batch(from, through));
                    applied.AddRange(plan.ToApply.Select(e => e.Sequence));
                    position = plan.Position;
                }

                return applied.SequenceEqual(Enumerable.Range(1, (int)position.AppliedThrough).Select(i => (long)i));
            });

    [Fact]
    public void A_batch_after_a_gap_is_refused_whole()
    {
        var plan = InboundCursor.Plan(new InboundPosition(Incarnation, 3), Batch(5, 8));

        plan.Gap.ShouldBeTrue();
        plan.ToApply.ShouldBeEmpty();
        plan.Position.AppliedThrough.ShouldBe(3);
    }

    [Fact]
    public void An_overlapping_batch_applies_only_what_is_new()
    {
        var plan = InboundCursor.Plan(new InboundPosition(Incarnation, 4), Batch(2, 7));

        plan.ToApply.Select(e => e.Sequence).ShouldBe([5L, 6L, 7L]);
        plan.Position.AppliedThrough.ShouldBe(7);
    }

    [Fact]
    public void A_batch_that_covers_filtered_entries_still_moves_the_position()
    {
        var sparse = new ReplicationBatch("us-east", 0, Incarnation, 1, 10, [Entry(4)]);

        var plan = InboundCursor.Plan(new InboundPosition(Incarnation, 0), sparse);

        plan.ToApply.Select(e => e.Sequence).ShouldBe([4L]);
        plan.Position.AppliedThrough.ShouldBe(10);
    }

    [Fact]
    public void A_new_incarnation_restarts_the_count()
    {
        var reborn = Batch(1, 2) with { Incarnation = Guid.NewGuid() };

        var plan = InboundCursor.Plan(new InboundPosition(Incarnation, 50), reborn);

        plan.ToApply.Count.ShouldBe(2);
        plan.Position.ShouldBe(new InboundPosition(reborn.Incarnation, 2));
    }
}
