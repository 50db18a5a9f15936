namespace GeoStore.Grains.Chain;

/// <summary>Settings of Chain keyspaces, from the <c>GeoStore:Chain</c> configuration section.</summary>
public sealed class ChainOptions
{
    public const string SectionName = "GeoStore:Chain";

    /// <summary>
    /// How long a write may take to be acknowledged by the tail (or a read to be answered),
    /// reconfigurations included, before it fails with chain-unavailable. A write that reached the
    /// head by then may still be committed later, with the next write to the key.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);
}
