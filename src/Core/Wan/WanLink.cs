namespace GeoStore.Core.Wan;

/// <summary>One directed WAN link: one-way latency, whether it is cut, and the probability a message is lost.</summary>
[GenerateSerializer, Immutable]
public sealed record WanLink(
    [property: Id(0)] int LatencyMs = 0,
    [property: Id(1)] bool Cut = false,
    [property: Id(2)] double Loss = 0)
{
    public static WanLink Healthy { get; } = new();

    public const int MaxLatencyMs = 60_000;

    /// <summary>Why this link setting is not acceptable, or null.</summary>
    public string? Validate()
    {
        if (LatencyMs is < 0 or > MaxLatencyMs)
        {
            return $"latencyMs must be between 0 and {MaxLatencyMs}; got {LatencyMs}.";
        }

        if (double.IsNaN(Loss) || Loss is < 0 or > 1)
        {
            return $"loss must be a probability between 0 and 1; got {Loss}.";
        }

        return null;
    }
}
