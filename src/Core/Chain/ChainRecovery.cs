namespace GeoStore.Core.Chain;

/// <summary>
/// The paper's recovery rules, as pure functions of what the surviving members report. After the
/// head fails nothing is resent: its successor becomes the head, and updates that never left the
/// old head were never acknowledged, so their clients time out and retry. After the tail fails its
/// predecessor becomes the tail, and everything that predecessor holds is acknowledged. After a
/// middle member fails, its predecessor sends the new successor the updates of its Sent set the
/// successor has not received; nothing else can be missing there, because the tail (and so every
/// member before it) holds every acknowledged update.
/// </summary>
public static class ChainRecovery
{
    /// <summary>
    /// The updates of <paramref name="sent"/> (the predecessor's Sent set) that a new successor
    /// reporting <paramref name="successorReceivedThrough"/> has not received, in sequence order,
    /// each once. Histories are prefixes of one another, so "not received" is "after what it reports".
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="successorReceivedThrough"/> is negative, or <paramref name="sent"/> holds a sequence below 1.</exception>
    public static IReadOnlyList<long> Resend(IEnumerable<long> sent, long successorReceivedThrough)
    {
        ArgumentNullException.ThrowIfNull(sent);
        ArgumentOutOfRangeException.ThrowIfNegative(successorReceivedThrough);
        var resend = new SortedSet<long>();
        foreach (var sequence in sent)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1, nameof(sent));
            if (sequence > successorReceivedThrough)
            {
                resend.Add(sequence);
            }
        }

        return [.. resend];
    }

    /// <summary>
    /// The updates that become acknowledged when <paramref name="newTail"/>, whose successor (the
    /// old tail) failed, takes over as the tail: its whole Sent set, in order. Call it on the state
    /// before <see cref="ChainNodeState.BecomeTail"/>.
    /// </summary>
    public static IReadOnlyList<long> AcknowledgedByNewTail(ChainNodeState newTail)
    {
        ArgumentNullException.ThrowIfNull(newTail);
        return newTail.Sent;
    }
}
