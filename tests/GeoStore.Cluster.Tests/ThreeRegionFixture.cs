using GeoStore.Testing;

namespace GeoStore.Cluster.Tests;

/// <summary>Three regions with two silos each, shared by a test class; tests use their own keys and heal what they cut.</summary>
public sealed class ThreeRegionFixture : IAsyncLifetime
{
    public GeoCluster Geo { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Geo = await GeoCluster.StartAsync(new GeoClusterOptions { SilosPerRegion = 2 });

    public async ValueTask DisposeAsync() => await Geo.DisposeAsync();
}
