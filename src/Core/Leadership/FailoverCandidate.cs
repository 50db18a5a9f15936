namespace GeoStore.Core.Leadership;

/// <summary>
/// A follower as a failover sees it: whether it answers now, the position of the last entry it
/// durably received, how far it applied, and the newest epoch it knows. For an unreachable follower
/// these are the last values it reported.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record FailoverCandidate
{
    /// <param name="region">The follower's region.</param>
    /// <param name="reachable">True when the follower answers now; only reachable followers are promoted.</param>
    /// <param name="received">The last entry it durably received (<see cref="LogPosition.Start"/> for none).</param>
    /// <param name="appliedThrough">The sequence it applied through, at most <paramref name="received"/>'s.</param>
    /// <param name="epoch">The newest epoch number it knows: at least 1 and at least its received entry's epoch.</param>
    public FailoverCandidate(string region, bool reachable, LogPosition received, long appliedThrough, long epoch)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        ArgumentOutOfRangeException.ThrowIfNegative(received.Epoch, nameof(received));
        ArgumentOutOfRangeException.ThrowIfNegative(received.Sequence, nameof(received));
        ArgumentOutOfRangeException.ThrowIfNegative(appliedThrough);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(appliedThrough, received.Sequence);
        ArgumentOutOfRangeException.ThrowIfLessThan(epoch, Math.Max(1, received.Epoch));
        Region = region;
        Reachable = reachable;
        Received = received;
        AppliedThrough = appliedThrough;
        Epoch = epoch;
    }

    [Id(0)]
    public string Region { get; }

    [Id(1)]
    public bool Reachable { get; }

    [Id(2)]
    public LogPosition Received { get; }

    [Id(3)]
    public long AppliedThrough { get; }

    [Id(4)]
    public long Epoch { get; }

    /// <summary>
    /// The promotion order, most up to date first: the later received position, then the later
    /// applied one (less to replay before serving), then region name (ordinal) so every region
    /// that runs the choice picks the same follower.
    /// </summary>
    public static IComparer<FailoverCandidate> MostUpToDateFirst { get; } = Comparer<FailoverCandidate>.Create((a, b) =>
    {
        var byReceived = b.Received.CompareTo(a.Received);
        if (byReceived != 0)
        {
            return byReceived;
        }

        var byApplied = b.AppliedThrough.CompareTo(a.AppliedThrough);
        return byApplied != 0 ? byApplied : string.CompareOrdinal(a.Region, b.Region);
    });
}
