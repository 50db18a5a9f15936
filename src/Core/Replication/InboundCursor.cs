namespace GeoStore.Core.Replication;

/// <summary>
/// The rule that turns at-least-once, possibly duplicated or reordered batches into exactly-once,
/// in-order application at the receiver.
/// </summary>
public static class InboundCursor
{
    /// <summary>
    /// Decides what to apply from <paramref name="batch"/> given what is applied already. A batch
    /// that starts after a gap is refused whole (the sender rewinds to the returned position);
    /// entries already applied are skipped; a batch of a new incarnation starts the count over.
    /// </summary>
    public static InboundPlan Plan(InboundPosition position, ReplicationBatch batch)
    {
        if (batch.Incarnation != position.Incarnation)
        {
            position = new InboundPosition(batch.Incarnation, 0);
        }

        var applied = position.AppliedThrough;
        if (batch.FromSequence > applied + 1)
        {
            return new InboundPlan([], position, Gap: true);
        }

        if (batch.ThroughSequence <= applied)
        {
            return new InboundPlan([], position, Gap: false);
        }

        var fresh = batch.Entries
            .Where(e => e.Sequence > applied && e.Sequence <= batch.ThroughSequence)
            .OrderBy(e => e.Sequence)
            .DistinctBy(e => e.Sequence)
            .ToArray();
        return new InboundPlan(fresh, position with { AppliedThrough = batch.ThroughSequence }, Gap: false);
    }
}
