namespace GeoStore.Core.Leadership;

/// <summary>
/// How far one follower has come in the leader's log: it has durably received every entry through
/// <paramref name="ReceivedThrough"/> and applied every entry through <paramref name="AppliedThrough"/>
/// (never more than it received). 0 means nothing yet.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record FollowerPosition
{
    /// <exception cref="ArgumentOutOfRangeException">A position is negative, or applied is beyond received.</exception>
    public FollowerPosition(string region, long receivedThrough, long appliedThrough)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        ArgumentOutOfRangeException.ThrowIfNegative(appliedThrough);
        // A follower applies only what it holds durably, so an applied position past the received one is a bug.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(appliedThrough, receivedThrough);
        Region = region;
        ReceivedThrough = receivedThrough;
        AppliedThrough = appliedThrough;
    }

    [Id(0)]
    public string Region { get; }

    [Id(1)]
    public long ReceivedThrough { get; }

    [Id(2)]
    public long AppliedThrough { get; }

    /// <summary>A follower that has received and applied nothing.</summary>
    public static FollowerPosition None(string region) => new(region, 0, 0);
}
