using System.Diagnostics;
using GeoStore.Abstractions.Errors;
using GeoStore.Abstractions.Grains;
using GeoStore.Core.Wan;
using GeoStore.Grains.Wan;
using GeoStore.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Shouldly;

namespace GeoStore.Cluster.Tests;

/// <summary>Regions as silo metadata, region placement, and the simulated WAN on a shared cluster.</summary>
public sealed class RegionTests(ThreeRegionFixture fixture) : IClassFixture<ThreeRegionFixture>
{
    private GeoCluster Geo => fixture.Geo;

    [Fact]
    public void Every_silo_carries_its_region_as_silo_metadata()
    {
        var observer = Geo.ServicesOf(Geo.Cluster.Silos[0]).GetRequiredService<ISiloMetadataCache>();
        foreach (var silo in Geo.Cluster.GetActiveSilos().Skip(1))
        {
            observer.GetSiloMetadata(silo.SiloAddress).Metadata["geostore.region"].ShouldBe(Geo.RegionOf(silo));
        }
    }

    [Fact]
    public async Task Per_key_registers_activate_only_on_silos_of_the_region_in_their_key()
    {
        foreach (var region in Geo.Regions)
        {
            for (var i = 0; i < 12; i++)
            {
                var key = $"placement/{region}/{i}";
                await Geo.PutAsync(region, "default", key, "v");
                var grainId = Geo.In(region).GetGrain<IRegisterGrain>($"{region}/default/{key}").GetGrainId();

                Geo.Cluster.TryGetGrainContext(grainId, out var context).ShouldBeTrue();
                var host = Geo.Cluster.GetSiloForAddress(context!.Address.SiloAddress!).ShouldNotBeNull();
                Geo.RegionOf(host).ShouldBe(region);
            }
        }
    }

    [Fact]
    public async Task Registers_of_a_region_spread_over_its_silos()
    {
        var hosts = new HashSet<string>();
        for (var i = 0; i < 40; i++)
        {
            var key = $"spread/{i}";
            await Geo.PutAsync("eu-west", "default", key, "v");
            var grainId = Geo.In("eu-west").GetGrain<IRegisterGrain>($"eu-west/default/{key}").GetGrainId();
            Geo.Cluster.TryGetGrainContext(grainId, out var context).ShouldBeTrue();
            hosts.Add(context!.Address.SiloAddress!.ToString());
        }

        hosts.Count.ShouldBe(Geo.Options.SilosPerRegion);
    }

    [Fact]
    public async Task A_WAN_change_reaches_every_silo_within_a_second()
    {
        var model = await Geo.Cluster.Client.GetGrain<IWanGrain>(Geo.ControlPlaneKey).SetLink("ap-south", "eu-west", new WanLink(LatencyMs: 7));
        try
        {
            await Eventually.HoldsAsync(
                () => Geo.Cluster.GetActiveSilos().All(s => Geo.ServicesOf(s).GetRequiredService<WanState>().Model.Link("ap-south", "eu-west").LatencyMs == 7),
                $"every silo applies WAN revision {model.Revision}",
                TimeSpan.FromSeconds(1));
        }
        finally
        {
            await Geo.SetLinkAsync("ap-south", "eu-west", WanLink.Healthy);
        }
    }

    [Fact]
    public async Task A_cut_link_fails_cross_region_calls_fast_with_region_unavailable()
    {
        await Geo.SetLinkAsync("us-east", "ap-south", new WanLink(Cut: true));
        try
        {
            var clock = Stopwatch.StartNew();
            var error = await Should.ThrowAsync<RegionUnavailableException>(
                () => Geo.In("us-east").GetGrain<IRegisterGrain>("ap-south/default/cut-fast").Read());
            clock.Stop();

            error.Region.ShouldBe("ap-south");
            clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(1));

            // Other links are untouched.
            await Geo.In("eu-west").GetGrain<IRegisterGrain>("ap-south/default/cut-fast").Read();

            // The reverse direction delivers requests, but their replies cross the cut link: the
            // callee acts and the caller cannot know, as on a real one-way partition.
            var replicaInUsEast = "us-east/default/one-way";
            await Should.ThrowAsync<RegionUnavailableException>(() => Geo.In("ap-south").GetGrain<IRegisterGrain>(replicaInUsEast)
                .ApplyReplicated(new Core.Replication.LogEntry(1, "ap-south", "default", "one-way", new Core.Versioning.VersionedValue(new Core.Versioning.WriteVersion(new Core.Clocks.HybridTimestamp(1, 0), "ap-south"), [1], null))));
            (await Geo.In("us-east").GetGrain<IRegisterGrain>(replicaInUsEast).Read()).Value.ShouldNotBeNull();
        }
        finally
        {
            await Geo.SetLinkAsync("us-east", "ap-south", WanLink.Healthy);
        }
    }

    [Fact]
    public async Task Calls_inside_a_region_ignore_the_WAN()
    {
        await Geo.SetLinkAsync("us-east", "eu-west", new WanLink(Cut: true));
        await Geo.SetLinkAsync("eu-west", "us-east", new WanLink(Cut: true));
        try
        {
            var written = await Geo.PutAsync("us-east", "default", "inside/region", "v");
            written.Region.ShouldBe("us-east");
            (await Geo.GetAsync("us-east", "default", "inside/region")).ShouldBe("v");
        }
        finally
        {
            await Geo.HealAsync("us-east", "eu-west");
        }
    }

    [Fact]
    public async Task A_lagging_link_shows_entries_and_milliseconds_behind_and_recovers()
    {
        await Geo.SetLinkAsync("eu-west", "ap-south", new WanLink(Cut: true));
        try
        {
            await Geo.PutAsync("eu-west", "default", "lag/1", "v");
            await Eventually.HoldsAsync(async () =>
            {
                var status = await Geo.In("eu-west").GetGrain<IRegionGrain>("eu-west").GetStatus();
                var lag = status.Peers.Single(p => p.Peer == "ap-south");
                return lag.EntriesBehind > 0 && lag.MillisecondsBehind > 0;
            }, "eu-west reports ap-south behind");
        }
        finally
        {
            await Geo.SetLinkAsync("eu-west", "ap-south", WanLink.Healthy);
        }

        await Eventually.HoldsAsync(async () =>
        {
            var status = await Geo.In("eu-west").GetGrain<IRegionGrain>("eu-west").GetStatus();
            return status.Peers.All(p => p.EntriesBehind == 0 && p.MillisecondsBehind == 0);
        }, "eu-west reports every peer caught up");
    }
}
