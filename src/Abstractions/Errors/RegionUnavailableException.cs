namespace GeoStore.Abstractions.Errors;

/// <summary>
/// A region could not be reached: it has no live silo, or the (simulated) WAN link to it is cut
/// or lost the message. The caller cannot tell which, as on a real network. Retryable.
/// </summary>
[GenerateSerializer]
public sealed class RegionUnavailableException : Exception
{
    public RegionUnavailableException(string region, string reason)
        : base($"Region '{region}' is unavailable: {reason}")
    {
        Region = region;
        Reason = reason;
    }

    public RegionUnavailableException(string region, string reason, Exception inner)
        : base($"Region '{region}' is unavailable: {reason}", inner)
    {
        Region = region;
        Reason = reason;
    }

    [Id(0)]
    public string Region { get; }

    [Id(1)]
    public string Reason { get; }
}
