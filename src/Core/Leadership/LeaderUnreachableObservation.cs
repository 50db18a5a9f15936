namespace GeoStore.Core.Leadership;

/// <summary>
/// One region's report that it has not reached the leader region since <see cref="Since"/> (its own
/// first failed contact of the current outage). A region that reaches the leader again withdraws it.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LeaderUnreachableObservation
{
    public LeaderUnreachableObservation(string region, DateTimeOffset since)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        Region = region;
        Since = since;
    }

    /// <summary>The observing region.</summary>
    [Id(0)]
    public string Region { get; }

    /// <summary>When the observing region last failed to reach the leader after last reaching it.</summary>
    [Id(1)]
    public DateTimeOffset Since { get; }
}
