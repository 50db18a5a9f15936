using GeoStore.Testing;
using Shouldly;

namespace GeoStore.Cluster.Tests.AntiEntropy;

/// <summary>Anti-entropy on a schedule: with a short interval, divergence heals without anyone asking.</summary>
public sealed class ScheduledAntiEntropyTests(ScheduledAntiEntropyTests.Fixture fixture) : IClassFixture<ScheduledAntiEntropyTests.Fixture>
{
    [Fact]
    public async Task Every_region_repairs_its_leaderless_keyspaces_on_its_own_every_interval()
    {
        var geo = fixture.Geo;
        var keyspace = await geo.LeaderlessKeyspaceAsync();
        var value = Replicas.Value(Replicas.Version(DateTimeOffset.UtcNow, "us-east"), "scheduled");
        await geo.ApplyAsync(keyspace, "k", value, "us-east");

        foreach (var region in geo.Regions)
        {
            await Eventually.HoldsAsync(
                async () => (await geo.ReadAsync(region, keyspace, "k")).Value?.Version == value.Version,
                $"{region} receives the write from a scheduled round", TimeSpan.FromSeconds(30));
        }

        (await geo.ReadAsync("ap-south", keyspace, "k")).Value!.Value.ShouldBe(value.Value);
    }

    /// <summary>Three regions, rounds every second.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public GeoCluster Geo { get; private set; } = null!;

        public async ValueTask InitializeAsync() => Geo = await GeoCluster.StartAsync(new GeoClusterOptions
        {
            Settings = new Dictionary<string, string?> { ["GeoStore:AntiEntropyInterval"] = TimeSpan.FromSeconds(1).ToString() },
        });

        public async ValueTask DisposeAsync() => await Geo.DisposeAsync();
    }
}
