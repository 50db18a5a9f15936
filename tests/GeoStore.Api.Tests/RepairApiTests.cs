using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shouldly;

namespace GeoStore.Api.Tests;

/// <summary><c>POST /v1/admin/keyspaces/{name}/repair</c>: one anti-entropy round from the serving region, answered as a report.</summary>
[Collection(ApiCollection.Name)]
public sealed class RepairApiTests(GeoStoreApiFixture fixture)
{
    [Fact]
    public async Task Repair_needs_the_admin_bearer_token()
    {
        var response = await fixture.Client("us-east").PostAsync("/v1/admin/keyspaces/default/repair", null);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task Repair_of_an_unknown_keyspace_answers_404_keyspace_not_found()
    {
        var name = $"nope-{Guid.NewGuid():N}"[..20];

        var response = await fixture.Admin("us-east").PostAsync($"/v1/admin/keyspaces/{name}/repair", null);

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "keyspace-not-found");
    }

    [Fact]
    public async Task Repair_of_a_keyspace_that_is_not_leaderless_answers_400_naming_the_mode()
    {
        var response = await fixture.Admin("eu-west").PostAsync("/v1/admin/keyspaces/default/repair", null);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-argument");
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("Leaderless");
        problem.GetProperty("errors").TryGetProperty("mode", out _).ShouldBeTrue(problem.ToString());
    }

    [Fact]
    public async Task Repair_of_a_leaderless_keyspace_runs_a_round_from_the_serving_region_against_every_other_replica()
    {
        var name = $"repair-{Guid.NewGuid():N}"[..30];
        var put = await fixture.Admin("us-east").PutAsync($"/v1/admin/keyspaces/{name}", HttpBodies.Json($$"""{"mode":"Leaderless","regions":{{TestKeyspaces.AllRegions}},"n":3,"w":2,"r":2}"""));
        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());

        var response = await fixture.Admin("eu-west").PostAsync($"/v1/admin/keyspaces/{name}/repair", null);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        report.GetProperty("keyspace").GetString().ShouldBe(name);
        report.GetProperty("region").GetString().ShouldBe("eu-west");
        report.GetProperty("servedBy").GetString().ShouldBe("eu-west");
        report.GetProperty("succeeded").GetBoolean().ShouldBeTrue();
        report.GetProperty("keysRepaired").GetInt32().ShouldBe(0);
        report.GetProperty("tombstonesPurged").GetInt32().ShouldBe(0);
        report.GetProperty("durationMs").GetDouble().ShouldBeGreaterThanOrEqualTo(0);
        report.TryGetProperty("startedAt", out _).ShouldBeTrue();
        var peers = report.GetProperty("peers").EnumerateArray().ToArray();
        peers.Select(p => p.GetProperty("peer").GetString()).ShouldBe(["us-east", "ap-south"]);
        foreach (var peer in peers)
        {
            peer.GetProperty("succeeded").GetBoolean().ShouldBeTrue(peer.ToString());
            peer.TryGetProperty("error", out _).ShouldBeFalse(peer.ToString());
            peer.GetProperty("nodesExchanged").GetInt32().ShouldBeGreaterThan(0);
            peer.GetProperty("keysCompared").GetInt32().ShouldBe(0);
            peer.GetProperty("keysRepaired").GetInt32().ShouldBe(0);
        }
    }
}
