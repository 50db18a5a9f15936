using GeoStore.Abstractions.Errors;
using GeoStore.Abstractions.Messages;
using GeoStore.Core.Wan;
using GeoStore.Testing;
using Shouldly;

namespace GeoStore.Cluster.Tests;

/// <summary>Read-your-writes across regions on request: a read that names a write waits until its region has it.</summary>
public sealed class SessionReadTests(ThreeRegionFixture fixture) : IClassFixture<ThreeRegionFixture>
{
    private const string East = "us-east", West = "eu-west";

    private GeoCluster Geo => fixture.Geo;

    [Fact]
    public async Task A_read_with_the_session_of_a_write_waits_for_it_across_a_slow_link()
    {
        var key = $"session/{Guid.NewGuid():N}";
        await Geo.SetLinkAsync(East, West, new WanLink(LatencyMs: 400));
        try
        {
            var written = await Geo.PutAsync(East, "default", key, "mine");

            var read = await Geo.Coordinator(West).Read("default", key, new ReadOptions(written.Version, TimeSpan.FromSeconds(10)));

            read.Region.ShouldBe(West);
            read.Found.ShouldBeTrue();
            read.Value!.Version.ShouldBe(written.Version);
            read.Seen!.Covers(written.Version!).ShouldBeTrue();
        }
        finally
        {
            await Geo.SetLinkAsync(East, West, WanLink.Healthy);
        }
    }

    [Fact]
    public async Task A_read_with_a_session_fails_as_stale_after_its_bounded_wait_when_the_write_cannot_arrive()
    {
        var key = $"session/{Guid.NewGuid():N}";
        await Geo.SetLinkAsync(East, West, new WanLink(Cut: true));
        await Geo.SetLinkAsync("ap-south", West, new WanLink(Cut: true));
        try
        {
            var written = await Geo.PutAsync(East, "default", key, "unseen");

            var error = await Should.ThrowAsync<StaleReadException>(() =>
                Geo.Coordinator(West).Read("default", key, new ReadOptions(written.Version, TimeSpan.FromMilliseconds(300))));

            error.Region.ShouldBe(West);
            error.Awaited.ShouldBe(written.Version);
        }
        finally
        {
            await Geo.SetLinkAsync(East, West, WanLink.Healthy);
            await Geo.SetLinkAsync("ap-south", West, WanLink.Healthy);
        }
    }

    [Fact]
    public async Task A_write_that_names_a_write_from_a_region_with_a_fast_clock_still_wins_over_it_everywhere()
    {
        // ap-south's clock is five seconds fast; us-east has not received its write when it overwrites it.
        const string South = "ap-south";
        var key = $"causal/{Guid.NewGuid():N}";
        await Geo.CutAsync(East, South);
        try
        {
            var seen = await Geo.PutAsync(South, "default", key, "first");
            var next = await Geo.Coordinator(East).Write(new WriteCommand("default", key, "second"u8.ToArray(), "text/plain", WriteCondition.None, After: seen.Version));
            next.Version!.CompareTo(seen.Version).ShouldBePositive();
        }
        finally
        {
            await Geo.HealAsync(East, South);
        }

        foreach (var region in Geo.Regions)
        {
            await Eventually.HoldsAsync(async () => await Geo.GetAsync(region, "default", key) == "second", $"{region} holds the causal successor");
        }

        (await Geo.ConflictsAsync("default")).ShouldNotContain(r => r.Key == key, "an overwrite of a write the writer saw is not a conflict");
    }
}
