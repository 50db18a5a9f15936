using GeoStore.Abstractions.Grains;
using GeoStore.Core.Keyspaces;
using GeoStore.Core.Wan;
using GeoStore.Testing;
using Shouldly;

namespace GeoStore.Cluster.Tests;

/// <summary>Ring and star topologies: entries relayed by the regions on their path, applied once, never stranded by a switch.</summary>
public sealed class TopologyTests(ThreeRegionFixture fixture) : IClassFixture<ThreeRegionFixture>
{
    private const string East = "us-east", West = "eu-west", South = "ap-south";

    private GeoCluster Geo => fixture.Geo;

    private static string NewName(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..30];

    private async Task<string> KeyspaceAsync(ReplicationTopology topology, string? hub = null)
    {
        var name = NewName(topology.ToString().ToLowerInvariant());
        await Geo.PutKeyspaceAsync(name, new KeyspacePolicy(ReplicationMode.MultiLeader, [East, West, South], Topology: topology, Hub: hub));
        return name;
    }

    private Task<Abstractions.Messages.RegionStatus> StatusOf(string region) => Geo.In(region).GetGrain<IRegionGrain>(region).GetStatus();

    [Fact]
    public async Task A_ring_carries_a_write_through_the_next_region_even_when_the_direct_link_is_cut()
    {
        // Ring us-east -> eu-west -> ap-south -> us-east: no region ever sends to its predecessor,
        // so cutting us-east -> ap-south changes nothing for the ring.
        var keyspace = await KeyspaceAsync(ReplicationTopology.Ring);
        await Geo.SetLinkAsync(East, South, new WanLink(Cut: true));
        try
        {
            // ap-south hears of us-east's write from eu-west.
            await Geo.PutAsync(East, keyspace, "k", "around");

            foreach (var region in Geo.Regions)
            {
                await Eventually.HoldsAsync(async () => await Geo.GetAsync(region, keyspace, "k") == "around", $"{region} reads the write");
            }

            // And eu-west's write goes on to ap-south, then us-east.
            await Geo.PutAsync(West, keyspace, "w", "from-west");
            foreach (var region in Geo.Regions)
            {
                await Eventually.HoldsAsync(async () => await Geo.GetAsync(region, keyspace, "w") == "from-west", $"{region} reads eu-west's write");
            }
        }
        finally
        {
            await Geo.SetLinkAsync(East, South, WanLink.Healthy);
        }
    }

    [Fact]
    public async Task A_ring_stalls_behind_a_region_it_cannot_reach_shows_the_lag_and_catches_up_after_heal()
    {
        var keyspace = await KeyspaceAsync(ReplicationTopology.Ring);
        await Geo.SetLinkAsync(East, West, new WanLink(Cut: true));
        Abstractions.Messages.WriteResult written;
        try
        {
            written = await Geo.PutAsync(East, keyspace, "stalled", "v1");

            // The link to eu-west holds the entry, and reports it as lag in entries and milliseconds.
            await Eventually.HoldsAsync(async () =>
            {
                var lag = (await StatusOf(East)).Peers.Single(p => p.Peer == West);
                return lag.EntriesBehind > 0 && lag.MillisecondsBehind > 0;
            }, "us-east reports eu-west behind");

            // The direct link to ap-south has passed the entry by (the ring does not use it), yet
            // ap-south does not have the write: it is behind eu-west on the ring.
            await Eventually.HoldsAsync(async () => (await StatusOf(East)).Peers.Single(p => p.Peer == South).EntriesBehind == 0, "us-east->ap-south is caught up");
            (await Geo.GetAsync(South, keyspace, "stalled")).ShouldBeNull();
            var read = await Geo.Coordinator(South).Read(keyspace, "stalled");
            read.Seen!.Covers(written.Version!).ShouldBeFalse("ap-south's freshness for us-east does not include the write");
            ((await StatusOf(South)).Applied ?? Core.Versioning.TimestampVector.Empty).Covers(written.Version!).ShouldBeFalse("nor does ap-south's region-wide view");
        }
        finally
        {
            await Geo.SetLinkAsync(East, West, WanLink.Healthy);
        }

        foreach (var region in Geo.Regions)
        {
            await Eventually.HoldsAsync(async () => await Geo.GetAsync(region, keyspace, "stalled") == "v1", $"{region} reads the write after heal");
        }

        await Eventually.HoldsAsync(async () => (await StatusOf(South)).Applied!.Covers(written.Version!), "ap-south reports us-east's write as applied");
    }

    [Fact]
    public async Task Switching_a_ring_to_all_to_all_at_run_time_strands_no_entry()
    {
        var keyspace = await KeyspaceAsync(ReplicationTopology.Ring);
        await Geo.SetLinkAsync(East, West, new WanLink(Cut: true));
        try
        {
            // Written under the ring: it owes eu-west, and ap-south gets it only through eu-west.
            await Geo.PutAsync(East, keyspace, "before", "ring");
            await Eventually.HoldsAsync(async () => (await StatusOf(East)).Peers.Single(p => p.Peer == South).EntriesBehind == 0, "us-east->ap-south passed the ring entry by");

            await Geo.PutKeyspaceAsync(keyspace, new KeyspacePolicy(ReplicationMode.MultiLeader, [East, West, South], Topology: ReplicationTopology.AllToAll));

            // Written after the switch: straight to ap-south, whatever eu-west's state.
            await Geo.PutAsync(East, keyspace, "after", "all");
            await Eventually.HoldsAsync(async () => await Geo.GetAsync(South, keyspace, "after") == "all", "ap-south reads the write made after the switch");
        }
        finally
        {
            await Geo.SetLinkAsync(East, West, WanLink.Healthy);
        }

        // The ring entry still reaches everyone: eu-west relays it along the route it was written under.
        foreach (var region in Geo.Regions)
        {
            await Eventually.HoldsAsync(async () => await Geo.GetAsync(region, keyspace, "before") == "ring", $"{region} reads the ring-era write");
            await Eventually.HoldsAsync(async () => await Geo.GetAsync(region, keyspace, "after") == "all", $"{region} reads the later write");
        }
    }

    [Fact]
    public async Task A_star_relays_spoke_writes_through_its_hub()
    {
        var keyspace = await KeyspaceAsync(ReplicationTopology.Star, hub: West);
        await Geo.CutAsync(East, South);
        try
        {
            await Geo.PutAsync(East, keyspace, "spoke", "east");
            await Geo.PutAsync(South, keyspace, "other", "south");
            await Geo.PutAsync(West, keyspace, "hub", "west");

            foreach (var region in Geo.Regions)
            {
                await Eventually.HoldsAsync(async () => await Geo.GetAsync(region, keyspace, "spoke") == "east", $"{region} reads us-east's write");
                await Eventually.HoldsAsync(async () => await Geo.GetAsync(region, keyspace, "other") == "south", $"{region} reads ap-south's write");
                await Eventually.HoldsAsync(async () => await Geo.GetAsync(region, keyspace, "hub") == "west", $"{region} reads the hub's write");
            }
        }
        finally
        {
            await Geo.HealAsync(East, South);
        }
    }

    [Fact]
    public async Task A_star_with_its_hub_cut_off_holds_spoke_writes_until_the_hub_returns()
    {
        var keyspace = await KeyspaceAsync(ReplicationTopology.Star, hub: West);
        await Geo.CutAsync(East, West);
        try
        {
            await Geo.PutAsync(East, keyspace, "k", "held");
            await Eventually.HoldsAsync(async () => (await StatusOf(East)).Peers.Single(p => p.Peer == West).EntriesBehind > 0, "us-east reports the hub behind");
            await Eventually.HoldsAsync(async () => (await StatusOf(East)).Peers.Single(p => p.Peer == South).EntriesBehind == 0, "us-east->ap-south passed the entry by");
            (await Geo.GetAsync(South, keyspace, "k")).ShouldBeNull("a spoke hears of another spoke's write only through the hub");
        }
        finally
        {
            await Geo.HealAsync(East, West);
        }

        foreach (var region in Geo.Regions)
        {
            await Eventually.HoldsAsync(async () => await Geo.GetAsync(region, keyspace, "k") == "held", $"{region} reads the write after the hub returns");
        }
    }
}
