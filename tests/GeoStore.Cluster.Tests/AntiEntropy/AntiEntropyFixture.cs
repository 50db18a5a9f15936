using GeoStore.Testing;

namespace GeoStore.Cluster.Tests.AntiEntropy;

/// <summary>
/// Three regions with one silo each (the in-memory register storage is per silo, and anti-entropy
/// scans the storage of the silo it runs on), a tombstone grace of a few seconds, and the schedule
/// left at its default, so only the tests run rounds.
/// </summary>
public sealed class AntiEntropyFixture : IAsyncLifetime
{
    public static readonly TimeSpan TombstoneGrace = TimeSpan.FromSeconds(3);

    public GeoCluster Geo { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Geo = await GeoCluster.StartAsync(new GeoClusterOptions
    {
        Settings = new Dictionary<string, string?> { ["GeoStore:TombstoneGrace"] = TombstoneGrace.ToString() },
    });

    public async ValueTask DisposeAsync() => await Geo.DisposeAsync();
}
