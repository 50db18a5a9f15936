namespace GeoStore.Core.Chain;

/// <summary>
/// What one chain member knows of the update stream, as in van Renesse and Schneider's chain
/// replication. The head numbers updates 1, 2, 3, …; every member applies them strictly in that
/// order (<see cref="ReceivedThrough"/>) and forwards each to its successor; the tail acknowledges
/// each as it applies it, and acknowledgements flow back up the chain (<see cref="AcknowledgedThrough"/>).
/// An update forwarded but not yet acknowledged is in the member's <see cref="Sent"/> set. Only
/// sequence numbers live here: the updates themselves are the member's history, kept by the caller.
/// </summary>
/// <remarks>
/// Acknowledgements are cumulative: the tail applies updates in order, so acknowledging n
/// acknowledges every update up to n, and <see cref="Sent"/> is always the run
/// <see cref="AcknowledgedThrough"/>+1 .. <see cref="ReceivedThrough"/>. Every transition returns a
/// new state; none changes this one.
/// </remarks>
[GenerateSerializer, Immutable]
public sealed record ChainNodeState
{
    /// <param name="region">The member region.</param>
    /// <param name="receivedThrough">The last update received and applied; 0 before the first.</param>
    /// <param name="acknowledgedThrough">The last update known to be held by the tail, at most <paramref name="receivedThrough"/>.</param>
    /// <param name="readFloor">The update this member must hold before it may answer reads as the tail; 0 unless it joined mid-stream.</param>
    /// <exception cref="ArgumentException"><paramref name="region"/> is null or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A sequence is negative, or the acknowledged one is past the received one.</exception>
    public ChainNodeState(string region, long receivedThrough, long acknowledgedThrough, long readFloor = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(region);
        ArgumentOutOfRangeException.ThrowIfNegative(receivedThrough);
        ArgumentOutOfRangeException.ThrowIfNegative(acknowledgedThrough);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(acknowledgedThrough, receivedThrough);
        ArgumentOutOfRangeException.ThrowIfNegative(readFloor);
        Region = region;
        ReceivedThrough = receivedThrough;
        AcknowledgedThrough = acknowledgedThrough;
        ReadFloor = readFloor;
    }

    /// <summary>The member region.</summary>
    [Id(0)]
    public string Region { get; }

    /// <summary>The last update received and applied: this member holds exactly updates 1..ReceivedThrough.</summary>
    [Id(1)]
    public long ReceivedThrough { get; }

    /// <summary>The last update acknowledged by the tail as far as this member knows: updates up to it are committed.</summary>
    [Id(2)]
    public long AcknowledgedThrough { get; }

    /// <summary>
    /// A member that joined the chain by copying a tail's history may lack updates that tail had
    /// already acknowledged; it must hold updates up to ReadFloor before it answers a read.
    /// </summary>
    [Id(3)]
    public long ReadFloor { get; }

    /// <summary>
    /// The sequence number the head gives its next write: one past the last it holds. Only a member
    /// that <see cref="ServesReads"/> may head a chain, or it would reuse numbers already acknowledged.
    /// </summary>
    public long NextSequence => ReceivedThrough + 1;

    /// <summary>
    /// Updates forwarded to the successor and not yet acknowledged by the tail, in order. At the
    /// tail it is empty, because the tail acknowledges what it applies.
    /// </summary>
    public IReadOnlyList<long> Sent => Run(AcknowledgedThrough, ReceivedThrough);

    /// <summary>
    /// True when this member holds every update acknowledged before it joined, so as the tail it
    /// may answer reads (and, CRAQ style, as any member it may answer from a clean version).
    /// </summary>
    public bool ServesReads => ReceivedThrough >= ReadFloor;

    /// <summary>A member that has received nothing yet: every member of a new chain starts here.</summary>
    /// <exception cref="ArgumentException"><paramref name="region"/> is null or empty.</exception>
    public static ChainNodeState Empty(string region) => new(region, 0, 0);

    /// <summary>
    /// A region joining at the tail after copying <paramref name="tail"/>'s history up to
    /// <paramref name="transferredThrough"/>. All it copied is acknowledged (the tail holds it), but
    /// the tail may by now hold more, which it will resend (<see cref="ResendTo"/>): until the joiner
    /// holds all the tail held, it must not answer reads. Nor is it a full replica until then: the
    /// chain loses acknowledged writes if every member that <see cref="ServesReads"/> fails, so a
    /// master counts only those when it keeps "not all members failed".
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="transferredThrough"/> is negative or past what <paramref name="tail"/> holds.</exception>
    public static ChainNodeState Joining(string region, long transferredThrough, ChainNodeState tail)
    {
        ArgumentNullException.ThrowIfNull(tail);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(transferredThrough, tail.ReceivedThrough);
        // A tail still catching up itself owes its own floor to anyone who copies from it.
        return new ChainNodeState(region, transferredThrough, transferredThrough, Math.Max(tail.ReceivedThrough, tail.ReadFloor));
    }

    /// <summary>How update <paramref name="sequence"/>, arriving from the predecessor, fits what this member holds.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sequence"/> is below 1.</exception>
    public ChainArrival Classify(long sequence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        return sequence <= ReceivedThrough ? ChainArrival.Duplicate
            : sequence == NextSequence ? ChainArrival.Next
            : ChainArrival.Gap;
    }

    /// <summary>
    /// This member after applying update <paramref name="sequence"/>, which must be the
    /// <see cref="ChainArrival.Next"/> one. The tail (<paramref name="asTail"/>) acknowledges it at
    /// once; any other member has now sent it on and waits for the acknowledgement.
    /// </summary>
    /// <exception cref="InvalidOperationException"><paramref name="sequence"/> is not <see cref="NextSequence"/>: updates apply in order, once.</exception>
    public ChainNodeState Apply(long sequence, bool asTail)
    {
        if (Classify(sequence) != ChainArrival.Next)
        {
            throw new InvalidOperationException($"'{Region}' holds updates through {ReceivedThrough} and applies {NextSequence} next, not {sequence}.");
        }

        return new ChainNodeState(Region, sequence, asTail ? sequence : AcknowledgedThrough, ReadFloor);
    }

    /// <summary>
    /// This member after the successor acknowledged every update through
    /// <paramref name="throughSequence"/>: they leave <see cref="Sent"/>. An older acknowledgement
    /// changes nothing. Pass the acknowledgement on to the predecessor.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="throughSequence"/> is negative or past <see cref="ReceivedThrough"/>: a
    /// successor only holds what came through this member, so it cannot acknowledge more.
    /// </exception>
    public ChainNodeState Acknowledge(long throughSequence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(throughSequence);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(throughSequence, ReceivedThrough);
        return throughSequence <= AcknowledgedThrough
            ? this
            : new ChainNodeState(Region, ReceivedThrough, throughSequence, ReadFloor);
    }

    /// <summary>
    /// The updates to send, in order, to a new successor that reports holding updates through
    /// <paramref name="successorReceivedThrough"/>: after the member between them failed, or after
    /// a region joined behind this (old) tail. Those are the updates of <see cref="Sent"/> the
    /// successor has not received (<see cref="ChainRecovery.Resend"/>), and, when the successor is a
    /// joiner still behind <see cref="AcknowledgedThrough"/>, the acknowledged ones it lacks too.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="successorReceivedThrough"/> is negative or past <see cref="ReceivedThrough"/>:
    /// each member's history is a prefix of its predecessor's, so the successor cannot be ahead.
    /// </exception>
    public IReadOnlyList<long> ResendTo(long successorReceivedThrough)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successorReceivedThrough);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successorReceivedThrough, ReceivedThrough);
        return Run(successorReceivedThrough, ReceivedThrough);
    }

    /// <summary>
    /// This member after its successor, the tail, failed and it became the tail: every update it
    /// holds is now held by the tail, so its whole <see cref="Sent"/> set is acknowledged
    /// (<see cref="ChainRecovery.AcknowledgedByNewTail"/> lists them). Send the acknowledgement of
    /// <see cref="ReceivedThrough"/> to the predecessor and answer those updates' clients.
    /// </summary>
    public ChainNodeState BecomeTail() =>
        AcknowledgedThrough == ReceivedThrough ? this : new ChainNodeState(Region, ReceivedThrough, ReceivedThrough, ReadFloor);

    private static IReadOnlyList<long> Run(long after, long through)
    {
        var run = new long[Math.Max(0, through - after)];
        for (var i = 0; i < run.Length; i++)
        {
            run[i] = after + 1 + i;
        }

        return run;
    }
}
