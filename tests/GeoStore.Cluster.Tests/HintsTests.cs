using System.Text;
using GeoStore.Abstractions.Grains;
using GeoStore.Core.Clocks;
using GeoStore.Core.Replication;
using GeoStore.Core.Versioning;
using GeoStore.Core.Wan;
using GeoStore.Testing;
using Shouldly;

namespace GeoStore.Cluster.Tests;

/// <summary>Hinted writes: held durably for an unreachable region and replayed, in order, when it returns.</summary>
public sealed class HintsTests(ThreeRegionFixture fixture) : IClassFixture<ThreeRegionFixture>
{
    private GeoCluster Geo => fixture.Geo;

    private static VersionedValue Value(string text, long wall) =>
        new(new WriteVersion(new HybridTimestamp(wall, 0), "eu-west"), Encoding.UTF8.GetBytes(text), "text/plain");

    private async Task<long> PendingFor(string region, string target) =>
        (await Geo.In(region).GetGrain<IHintsGrain>(region).GetBacklog()).Single(b => b.Target == target).Pending;

    [Fact]
    public async Task Hints_for_a_cut_region_wait_survive_reactivation_and_replay_in_order_after_heal()
    {
        var (key, other) = ($"hinted/{Guid.NewGuid():N}", $"hinted/{Guid.NewGuid():N}");
        var wall = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 30_000;
        var hints = Geo.In("eu-west").GetGrain<IHintsGrain>("eu-west");
        var before = await PendingFor("eu-west", "ap-south");
        await Geo.SetLinkAsync("eu-west", "ap-south", new WanLink(Cut: true));
        try
        {
            await hints.Hold("ap-south", new LogEntry(0, "eu-west", "default", key, Value("first", wall)));
            await hints.Hold("ap-south", new LogEntry(0, "eu-west", "default", key, Value("second", wall + 1)));
            await hints.Hold("ap-south", new LogEntry(0, "eu-west", "default", other, Value("other", wall + 2)));
            (await PendingFor("eu-west", "ap-south")).ShouldBe(before + 3);

            await Geo.Cluster.DeactivateAsync(hints);
            (await PendingFor("eu-west", "ap-south")).ShouldBe(before + 3, "held hints are reloaded from the log store");
            (await Geo.GetAsync("ap-south", "default", key)).ShouldBeNull();
        }
        finally
        {
            await Geo.SetLinkAsync("eu-west", "ap-south", WanLink.Healthy);
        }

        await Eventually.HoldsAsync(async () => await PendingFor("eu-west", "ap-south") == 0, "every hint is delivered");
        (await Geo.GetAsync("ap-south", "default", key)).ShouldBe("second");
        (await Geo.GetAsync("ap-south", "default", other)).ShouldBe("other");
        var status = await Geo.In("eu-west").GetGrain<IRegionGrain>("eu-west").GetStatus();
        status.Hints.Single(h => h.Target == "ap-south").Pending.ShouldBe(0);
    }
}
