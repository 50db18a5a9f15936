namespace GeoStore.Testing;

/// <summary>The shape of a test geo-cluster.</summary>
public sealed record GeoClusterOptions
{
    public IReadOnlyList<string> Regions { get; init; } = ["us-east", "eu-west", "ap-south"];

    public int SilosPerRegion { get; init; } = 1;

    /// <summary>Seed of the WAN loss dice in every silo, so a lossy run replays.</summary>
    public int WanSeed { get; init; } = 1;

    public int LogShards { get; init; } = 4;

    /// <summary>Wall-clock offsets per region, to show that causality does not rest on synchronised clocks.</summary>
    public IReadOnlyDictionary<string, TimeSpan> ClockSkew { get; init; } = new Dictionary<string, TimeSpan>();

    /// <summary>Extra configuration for every silo (<c>GeoStore:…</c> keys and the like).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Runs on every silo after GeoStore is added, to replace a service (a fault-injecting store, say).</summary>
    public Action<Orleans.Hosting.ISiloBuilder>? ConfigureSilo { get; init; }
}
