using GeoStore.Abstractions.Messages;
using GeoStore.Core.Keyspaces;
using GeoStore.Core.Wan;
using GeoStore.Testing;
using Shouldly;

namespace GeoStore.Cluster.Tests;

/// <summary>Multi-leader LWW replication across three regions of a real in-process cluster.</summary>
public sealed class ReplicationTests(ThreeRegionFixture fixture) : IClassFixture<ThreeRegionFixture>
{
    private GeoCluster Geo => fixture.Geo;

    private static string NewKey(string name) => $"{name}/{Guid.NewGuid():N}";

    [Fact]
    public async Task A_write_in_one_region_is_read_in_every_other_after_replication()
    {
        var key = NewKey("replicate");
        var written = await Geo.PutAsync("us-east", "default", key, "hello");

        written.Status.ShouldBe(WriteStatus.Applied);
        written.Region.ShouldBe("us-east");
        (await Geo.GetAsync("us-east", "default", key)).ShouldBe("hello");
        foreach (var region in (string[])["eu-west", "ap-south"])
        {
            await Eventually.HoldsAsync(async () => await Geo.GetAsync(region, "default", key) == "hello", $"{region} reads the write");
        }
    }

    [Fact]
    public async Task Reads_are_served_by_the_local_replica()
    {
        var key = NewKey("local");
        await Geo.PutAsync("eu-west", "default", key, "x");

        var read = await Geo.Coordinator("eu-west").Read("default", key);

        read.Region.ShouldBe("eu-west");
        read.Found.ShouldBeTrue();
    }

    [Fact]
    public async Task A_cut_link_buffers_and_after_heal_every_region_converges_on_the_last_writer()
    {
        var key = NewKey("cut");
        WriteResult east, west;
        await Geo.CutAsync("us-east", "eu-west");
        try
        {
            east = await Geo.PutAsync("us-east", "default", key, "east");
            west = await Geo.PutAsync("eu-west", "default", key, "west");

            // While cut, each side keeps its own value: the regions have diverged, and the log says so.
            (await Geo.GetAsync("us-east", "default", key)).ShouldBe("east");
            (await Geo.GetAsync("eu-west", "default", key)).ShouldBe("west");
            var status = await Geo.In("us-east").GetGrain<Abstractions.Grains.IRegionGrain>("us-east").GetStatus();
            status.Peers.Single(p => p.Peer == "eu-west").EntriesBehind.ShouldBeGreaterThan(0);
        }
        finally
        {
            await Geo.HealAsync("us-east", "eu-west");
        }

        // The two writes are concurrent (neither saw the other): the greater version wins everywhere.
        var winner = east.Version!.CompareTo(west.Version!) > 0 ? "east" : "west";
        foreach (var region in Geo.Regions)
        {
            await Eventually.HoldsAsync(async () => await Geo.GetAsync(region, "default", key) == winner, $"{region} converges on {winner}");
        }

        await Eventually.HoldsAsync(async () =>
        {
            var status = await Geo.In("us-east").GetGrain<Abstractions.Grains.IRegionGrain>("us-east").GetStatus();
            return status.Peers.All(p => p.EntriesBehind == 0);
        }, "us-east's links catch up after heal");
    }

    [Fact]
    public async Task Concurrent_writes_to_one_key_in_three_regions_converge_to_one_winner_everywhere()
    {
        const int seed = 20261123;
        var random = new Random(seed);
        var key = NewKey("race");
        var writes = Enumerable.Range(0, 30)
            .Select(i => (Region: Geo.Regions[random.Next(Geo.Regions.Count)], Value: $"w{i}"))
            .ToList();

        await Task.WhenAll(writes.Select(w => Geo.PutAsync(w.Region, "default", key, w.Value)));

        string?[] values = [];
        await Eventually.HoldsAsync(async () =>
        {
            values = await Task.WhenAll(Geo.Regions.Select(r => Geo.GetAsync(r, "default", key)));
            return values.Distinct().Count() == 1 && values[0] is not null;
        }, $"all regions agree (seed {seed})");

        writes.Select(w => w.Value).ShouldContain(values[0]);
        var versions = await Task.WhenAll(Geo.Regions.Select(r => Geo.Coordinator(r).Read("default", key)));
        versions.Select(v => v.Value!.Version).Distinct().Count().ShouldBe(1, "every replica holds the same winning version");
    }

    [Fact]
    public async Task A_delete_replicates_as_a_tombstone_and_a_late_older_write_does_not_resurrect_the_key()
    {
        var key = NewKey("tombstone");
        await Geo.SetLinkAsync("us-east", "ap-south", new WanLink(Cut: true));
        try
        {
            // us-east writes; eu-west sees it and deletes it (causally after); ap-south learns of the
            // delete first, while us-east's older write waits behind the cut link.
            await Geo.PutAsync("us-east", "default", key, "old");
            await Eventually.HoldsAsync(async () => await Geo.GetAsync("eu-west", "default", key) == "old", "eu-west sees the write");
            await Geo.DeleteAsync("eu-west", "default", key);
            await Eventually.HoldsAsync(async () => (await Geo.Coordinator("ap-south").Read("default", key)).Value is { IsTombstone: true }, "ap-south holds the tombstone");
        }
        finally
        {
            await Geo.SetLinkAsync("us-east", "ap-south", WanLink.Healthy);
        }

        // The old write now reaches ap-south, late; it must lose to the tombstone everywhere.
        await Eventually.HoldsAsync(async () =>
        {
            var status = await Geo.In("us-east").GetGrain<Abstractions.Grains.IRegionGrain>("us-east").GetStatus();
            return status.Peers.Single(p => p.Peer == "ap-south").EntriesBehind == 0;
        }, "us-east's backlog reaches ap-south");
        foreach (var region in Geo.Regions)
        {
            (await Geo.Coordinator(region).Read("default", key)).Value.ShouldNotBeNull().IsTombstone.ShouldBeTrue($"{region} keeps the tombstone");
            (await Geo.GetAsync(region, "default", key)).ShouldBeNull();
        }
    }

    [Fact]
    public async Task A_write_that_causally_follows_a_replicated_one_wins_even_against_a_fast_clock()
    {
        var key = NewKey("causal");
        var first = await Geo.PutAsync("ap-south", "default", key, "cause");
        await Eventually.HoldsAsync(async () => await Geo.GetAsync("us-east", "default", key) == "cause", "us-east sees the cause");

        var effect = await Geo.PutAsync("us-east", "default", key, "effect");

        effect.Version!.CompareTo(first.Version!).ShouldBePositive();
        foreach (var region in Geo.Regions)
        {
            await Eventually.HoldsAsync(async () => await Geo.GetAsync(region, "default", key) == "effect", $"{region} keeps the effect");
        }
    }

    [Fact]
    public async Task A_lossy_link_still_delivers_every_write_in_the_end()
    {
        var keys = Enumerable.Range(0, 20).Select(i => NewKey($"lossy-{i}")).ToList();
        await Geo.SetLinkAsync("us-east", "ap-south", new WanLink(Loss: 0.5));
        await Geo.SetLinkAsync("ap-south", "us-east", new WanLink(Loss: 0.5));
        try
        {
            await Task.WhenAll(keys.Select(k => Geo.PutAsync("us-east", "default", k, k)));
            foreach (var key in keys)
            {
                await Eventually.HoldsAsync(async () => await Geo.GetAsync("ap-south", "default", key) == key, $"ap-south receives {key} through a 50% lossy link (WAN seed {Geo.Options.WanSeed})", TimeSpan.FromSeconds(30));
            }
        }
        finally
        {
            await Geo.HealAsync("us-east", "ap-south");
        }
    }

    [Fact]
    public async Task A_keyspace_not_replicated_in_a_region_is_served_there_by_a_replica_region_across_the_WAN()
    {
        await Geo.PutKeyspaceAsync("eu-only", new KeyspacePolicy(ReplicationMode.MultiLeader, ["eu-west"]));
        await Geo.SetLinkAsync("us-east", "eu-west", new WanLink(LatencyMs: 200));
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var written = await Geo.PutAsync("us-east", "eu-only", "k", "v");
            clock.Stop();

            written.Region.ShouldBe("eu-west");
            // A lower bound only (timers may fire a millisecond early): without the WAN this takes ~1 ms.
            clock.ElapsedMilliseconds.ShouldBeGreaterThanOrEqualTo(190, "the request crossed the 200 ms us-east->eu-west link");
            (await Geo.Coordinator("ap-south").Read("eu-only", "k")).Region.ShouldBe("eu-west");
        }
        finally
        {
            await Geo.SetLinkAsync("us-east", "eu-west", WanLink.Healthy);
        }
    }
}
