namespace GeoStore.Core.Leadership;

/// <summary>
/// The fencing-token check every replica and the storage layer run on each entry, write and
/// shipment of a SingleLeader keyspace: older epochs are rejected, newer ones learned.
/// </summary>
public static class Fencing
{
    /// <summary>
    /// Decides what a replica that holds <paramref name="known"/> does with a message carrying
    /// <paramref name="carried"/>. A newer number is learned whoever leads it: the promotion that
    /// made it was made durable before its leader sent anything, so it is real.
    /// </summary>
    public static FencingDecision Check(LeaderEpoch known, LeaderEpoch carried)
    {
        ArgumentNullException.ThrowIfNull(known);
        ArgumentNullException.ThrowIfNull(carried);

        if (carried.Number > known.Number)
        {
            return new FencingDecision(FencingVerdict.LearnNewer, carried, carried);
        }

        if (carried.Number < known.Number)
        {
            return new FencingDecision(FencingVerdict.RejectStale, known, carried);
        }

        return string.Equals(carried.Leader, known.Leader, StringComparison.Ordinal)
            ? new FencingDecision(FencingVerdict.Accept, known, carried)
            : new FencingDecision(FencingVerdict.RejectConflicting, known, carried);
    }
}
