namespace GeoStore.Abstractions.Errors;

/// <summary>
/// A region could not be reached: it has no live silo, or the (simulated) WAN link to it is cut
/// or lost the message. The caller cannot tell which, as on a real network. Retryable.
/// <see cref="MayHaveActed"/> is true when the request may have been carried out (the reply was
/// lost, or no answer came in time): the caller cannot know whether it took effect.
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

    public RegionUnavailableException(string region, string reason, Exception inner, bool mayHaveActed = false)
        : base($"Region '{region}' is unavailable: {reason}", inner)
    {
        Region = region;
        Reason = reason;
        MayHaveActed = mayHaveActed;
    }

    public RegionUnavailableException(string region, string reason, bool mayHaveActed)
        : this(region, reason)
    {
        MayHaveActed = mayHaveActed;
    }

    [Id(0)]
    public string Region { get; }

    [Id(1)]
    public string Reason { get; }

    [Id(2)]
    public bool MayHaveActed { get; }
}
