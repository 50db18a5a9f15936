using GeoStore.Core.Wan;
using GeoStore.Testing;
using Shouldly;

namespace GeoStore.Storage.Tests;

/// <summary>A geo-cluster whose registers, logs and inboxes live in Azure Tables (Azurite) loses nothing acknowledged when a silo dies.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class DurabilityTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Acknowledged_writes_and_unshipped_log_entries_survive_the_crash_of_the_silo_that_held_them()
    {
        await using var geo = await GeoCluster.StartAsync(new GeoClusterOptions
        {
            SilosPerRegion = 2,
            Settings = new Dictionary<string, string?>
            {
                ["GeoStore:Storage"] = "AzureTables",
                ["ConnectionStrings:geostore"] = azurite.Server.ConnectionString,
            },
        });
        var keys = Enumerable.Range(0, 40).Select(i => $"durable/{Guid.NewGuid():N}/{i}").ToList();

        // us-east's entries for eu-west wait in its log while the link is cut.
        await geo.SetLinkAsync("us-east", "eu-west", new WanLink(Cut: true));
        await Task.WhenAll(keys.Select(k => geo.PutAsync("us-east", "default", k, k)));

        // Kill us-east's second silo: about half the registers and log shards lived there.
        var victim = geo.SilosOf("us-east").Single(s => s.SiloAddress != geo.Cluster.Silos[0].SiloAddress);
        await geo.KillSiloAsync(victim);

        foreach (var key in keys)
        {
            (await geo.GetAsync("us-east", "default", key)).ShouldBe(key, "an acknowledged write survives the silo that held it");
        }

        await geo.SetLinkAsync("us-east", "eu-west", WanLink.Healthy);

        // Recovery waits on membership declaring the silo dead, log shards and links reactivating on the
        // survivor and their timers: on a loaded CI machine that took longer than the default 20 s once.
        var recovery = TimeSpan.FromSeconds(45);
        foreach (var key in keys)
        {
            // ap-south's link was never cut, but entries the dead silo had not shipped yet come from the reopened log too.
            await Eventually.HoldsAsync(async () => await geo.GetAsync("eu-west", "default", key) == key, $"eu-west receives {key} from the reopened log", recovery);
            await Eventually.HoldsAsync(async () => await geo.GetAsync("ap-south", "default", key) == key, $"ap-south receives {key}", recovery);
        }
    }
}
