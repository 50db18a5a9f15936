namespace GeoStore.Core.Quorum;

/// <summary>
/// Which replicas a coordinator asks first, and how soon a quorum can answer at best.
/// Latencies are the simulated WAN's one-way milliseconds; a round trip is there and back.
/// </summary>
public static class ReplicaOrder
{
    /// <summary>
    /// The replicas in the order a coordinator in <paramref name="local"/> asks them: the local
    /// replica first (when reachable), then reachable ones by round-trip latency, then unreachable
    /// ones; ties by ordinal name. Duplicate names appear once.
    /// </summary>
    public static IReadOnlyList<string> Nearest(
        string local,
        IEnumerable<string> replicas,
        Func<string, string, int> oneWayLatencyMs,
        Func<string, bool> reachable)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(replicas);
        ArgumentNullException.ThrowIfNull(oneWayLatencyMs);
        ArgumentNullException.ThrowIfNull(reachable);

        return replicas
            .Distinct(StringComparer.Ordinal)
            .Select(replica =>
            {
                var isReachable = reachable(replica);
                var isLocal = string.Equals(replica, local, StringComparison.Ordinal);
                // An unreachable replica's latency means nothing; it sorts by name among its kind.
                var roundTrip = isReachable && !isLocal ? RoundTrip(local, replica, oneWayLatencyMs) : 0L;
                return (replica, unreachable: !isReachable, remote: !isLocal, roundTrip);
            })
            .OrderBy(c => c.unreachable)
            .ThenBy(c => c.remote)
            .ThenBy(c => c.roundTrip)
            .ThenBy(c => c.replica, StringComparer.Ordinal)
            .Select(c => c.replica)
            .ToList();
    }

    /// <summary>
    /// The round trip in milliseconds to the <paramref name="k"/>-th nearest reachable replica (the
    /// local one counts as 0): no quorum of <paramref name="k"/> can answer faster over this WAN.
    /// Null when fewer than <paramref name="k"/> replicas are reachable, so the quorum cannot be met.
    /// </summary>
    public static long? PhysicalBound(
        int k,
        string local,
        IEnumerable<string> replicas,
        Func<string, string, int> oneWayLatencyMs,
        Func<string, bool> reachable)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(replicas);
        ArgumentNullException.ThrowIfNull(oneWayLatencyMs);
        ArgumentNullException.ThrowIfNull(reachable);

        var roundTrips = replicas
            .Distinct(StringComparer.Ordinal)
            .Where(reachable)
            .Select(r => string.Equals(r, local, StringComparison.Ordinal) ? 0L : RoundTrip(local, r, oneWayLatencyMs))
            .Order()
            .ToList();
        return k <= roundTrips.Count ? roundTrips[k - 1] : null;
    }

    private static long RoundTrip(string local, string replica, Func<string, string, int> oneWayLatencyMs) =>
        (long)oneWayLatencyMs(local, replica) + oneWayLatencyMs(replica, local);
}
