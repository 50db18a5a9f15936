using System.Net;
using System.Text.Json;
using GeoStore.Testing;
using Shouldly;

namespace GeoStore.Api.Tests;

/// <summary>The Orleans Dashboard, served by every region's API when GeoStore:OrleansDashboard is on (the AppHost turns it on).</summary>
[Collection(ApiCollection.Name)]
public sealed class OrleansDashboardTests(GeoStoreApiFixture fixture)
{
    [Fact]
    public async Task Every_regions_api_serves_the_orleans_dashboard_and_its_live_view_of_the_silos()
    {
        foreach (var region in GeoStoreApiFixture.Regions)
        {
            var page = await fixture.Client(region).GetAsync("/orleans-dashboard/");
            page.StatusCode.ShouldBe(HttpStatusCode.OK, region);
            page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        }

        // Its counters come from the silos through the API's Orleans client: every region's silo is there.
        await Eventually.HoldsAsync(
            async () =>
            {
                var counters = await fixture.Client("eu-west").GetAsync("/orleans-dashboard/DashboardCounters");
                if (counters.StatusCode != HttpStatusCode.OK)
                {
                    return false;
                }

                var json = JsonDocument.Parse(await counters.Content.ReadAsStringAsync()).RootElement;
                return json.TryGetProperty("hosts", out var hosts) && hosts.GetArrayLength() >= GeoStoreApiFixture.Regions.Length;
            },
            "the dashboard's counters list every silo");
    }
}
