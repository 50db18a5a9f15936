using GeoStore.AppHost.Storage;

namespace GeoStore.AppHost.GeoCluster;

/// <summary>The shape of the local geo-cluster: its regions, silos, ports and storage.</summary>
public sealed class GeoClusterOptions
{
    public static readonly IReadOnlyList<string> DefaultRegions = ["us-east", "eu-west", "ap-south"];

    public const int DefaultBasePort = 5081;

    /// <summary>Every region, in order; the first region's first silo is the primary silo.</summary>
    public IReadOnlyList<string> Regions { get; init; } = DefaultRegions;

    public int SilosPerRegion { get; init; } = 1;

    /// <summary>The API of the n-th region listens on <c>BasePort + n</c>.</summary>
    public int BasePort { get; init; } = DefaultBasePort;

    /// <summary>
    /// When set, the k-th silo uses <c>SiloBasePort + 2k</c> (silo) and <c>SiloBasePort + 2k + 1</c>
    /// (gateway); otherwise every silo gets ports that are free when the AppHost starts.
    /// </summary>
    public int? SiloBasePort { get; init; }

    /// <summary>The bearer token of the admin API.</summary>
    public required string AdminToken { get; init; }

    /// <summary>The token was generated rather than given, so the AppHost prints it.</summary>
    public bool AdminTokenGenerated { get; init; }

    /// <summary>Where the silos keep their state; <see cref="StorageKind.Azure"/> adds a local Azurite.</summary>
    public StorageKind Storage { get; init; } = StorageKind.Azure;

    /// <summary>How Azurite runs, with <see cref="StorageKind.Azure"/> storage.</summary>
    public AzuriteOptions Azurite { get; init; } = new();

    public int SiloCount => Regions.Count * SilosPerRegion;
}
