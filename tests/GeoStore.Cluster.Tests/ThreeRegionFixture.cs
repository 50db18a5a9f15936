using GeoStore.Testing;

namespace GeoStore.Cluster.Tests;

/// <summary>
/// Three regions with two silos each, shared by a test class; tests use their own keys and heal
/// what they cut. ap-south's wall clock runs five seconds fast, as an unsynchronised region's might.
/// </summary>
public sealed class ThreeRegionFixture : IAsyncLifetime
{
    public GeoCluster Geo { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Geo = await GeoCluster.StartAsync(new GeoClusterOptions
    {
        SilosPerRegion = 2,
        ClockSkew = new Dictionary<string, TimeSpan> { ["ap-south"] = TimeSpan.FromSeconds(5) },
    });

    public async ValueTask DisposeAsync() => await Geo.DisposeAsync();
}
