using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GeoStore.Testing;
using Shouldly;

namespace GeoStore.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class AdminApiTests(GeoStoreApiFixture fixture)
{
    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-token")]
    [InlineData("Basic dGVzdDp0ZXN0")]
    public async Task Admin_endpoints_answer_401_unauthorized_without_the_bearer_token(string? authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/admin/keyspaces");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        var response = await fixture.Client("us-east").SendAsync(request);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        response.Headers.WwwAuthenticate.ToString().ShouldStartWith("Bearer");
    }

    [Fact]
    public async Task The_default_keyspace_is_listed_with_its_policy()
    {
        var keyspaces = await fixture.Admin("eu-west").GetFromJsonAsync<JsonElement>("/v1/admin/keyspaces");

        var @default = keyspaces.EnumerateArray().Single(k => k.GetProperty("name").GetString() == "default");
        @default.GetProperty("mode").GetString().ShouldBe("MultiLeader");
        @default.GetProperty("resolver").GetString().ShouldBe("Lww");
        @default.GetProperty("topology").GetString().ShouldBe("AllToAll");
        @default.GetProperty("regions").EnumerateArray().Select(r => r.GetString()).ShouldBe(GeoStoreApiFixture.Regions);
    }

    [Fact]
    public async Task A_keyspace_put_in_one_region_is_usable_through_every_region()
    {
        var admin = fixture.Admin("us-east");
        var put = await admin.PutAsync("/v1/admin/keyspaces/carts", Json("""{"mode":"MultiLeader","regions":["us-east","eu-west"],"resolver":"Lww","topology":"AllToAll"}"""));
        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());

        (await admin.GetFromJsonAsync<JsonElement>("/v1/admin/keyspaces/carts")).GetProperty("regions").GetArrayLength().ShouldBe(2);
        await Eventually.HoldsAsync(async () => (await fixture.Client("ap-south").PutAsync("/v1/kv/carts/c1", new StringContent("x"))).StatusCode == HttpStatusCode.NoContent,
            "ap-south accepts writes to the new keyspace (served by a replica region)");
    }

    [Theory]
    [InlineData("""{"mode":"MultiLeader","regions":["us-east","mars"]}""", "regions")]
    [InlineData("""{"mode":"Quantum","regions":["us-east"]}""", "mode")]
    [InlineData("""{"mode":"MultiLeader","regions":[]}""", "regions")]
    [InlineData("""{"mode":"MultiLeader","regions":["us-east"],"resolver":"Coin"}""", "resolver")]
    public async Task An_invalid_keyspace_policy_answers_400_naming_the_field(string body, string field)
    {
        var response = await fixture.Admin("us-east").PutAsync("/v1/admin/keyspaces/badpolicy", Json(body));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-argument");
        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(problem.ToString());
    }

    [Fact]
    public async Task Malformed_json_answers_400_invalid_argument()
    {
        var response = await fixture.Admin("us-east").PutAsync("/v1/admin/keyspaces/broken", Json("{\"mode\":"));
        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-argument");
    }

    [Fact]
    public async Task An_invalid_keyspace_name_in_admin_answers_400_and_an_unknown_one_404()
    {
        await (await fixture.Admin("us-east").PutAsync("/v1/admin/keyspaces/Bad_Name", Json("""{"regions":["us-east"]}""")))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-keyspace");
        await (await fixture.Admin("us-east").GetAsync("/v1/admin/keyspaces/never-made"))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "keyspace-not-found");
    }

    [Fact]
    public async Task Regions_report_live_silos_log_position_and_lag_to_every_peer()
    {
        var view = await fixture.Admin("ap-south").GetFromJsonAsync<JsonElement>("/v1/admin/regions");

        view.GetProperty("servedBy").GetString().ShouldBe("ap-south");
        var regions = view.GetProperty("regions").EnumerateArray().ToList();
        regions.Select(r => r.GetProperty("region").GetString()).ShouldBe(GeoStoreApiFixture.Regions);
        foreach (var region in regions)
        {
            region.GetProperty("state").GetString().ShouldBe("up");
            region.GetProperty("silosAlive").GetInt32().ShouldBe(1);
            region.GetProperty("logPosition").GetInt64().ShouldBeGreaterThanOrEqualTo(0);
            region.GetProperty("lag").GetArrayLength().ShouldBe(2);
        }
    }

    [Fact]
    public async Task The_wan_lists_every_directed_link_and_a_put_changes_one()
    {
        var admin = fixture.Admin("eu-west");
        var before = await admin.GetFromJsonAsync<JsonElement>("/v1/admin/wan");
        before.GetProperty("links").GetArrayLength().ShouldBe(6);

        var put = await admin.PutAsync("/v1/admin/wan/eu-west/ap-south", Json("""{"latencyMs":40,"cut":false,"loss":0}"""));
        put.StatusCode.ShouldBe(HttpStatusCode.OK);
        try
        {
            var after = await fixture.Admin("us-east").GetFromJsonAsync<JsonElement>("/v1/admin/wan");
            var link = after.GetProperty("links").EnumerateArray().Single(l => l.GetProperty("from").GetString() == "eu-west" && l.GetProperty("to").GetString() == "ap-south");
            link.GetProperty("latencyMs").GetInt32().ShouldBe(40);
            after.GetProperty("revision").GetInt64().ShouldBeGreaterThan(before.GetProperty("revision").GetInt64());
        }
        finally
        {
            (await admin.PutAsync("/v1/admin/wan/eu-west/ap-south", Json("""{"latencyMs":0}"""))).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }

    [Theory]
    [InlineData("us-east", "mars", """{"latencyMs":1}""")]
    [InlineData("us-east", "us-east", """{"latencyMs":1}""")]
    [InlineData("us-east", "eu-west", """{"latencyMs":-5}""")]
    [InlineData("us-east", "eu-west", """{"loss":2}""")]
    [InlineData("us-east", "eu-west", """{"latencyMs":"fast"}""")]
    public async Task An_invalid_wan_setting_answers_400_invalid_argument(string from, string to, string body)
    {
        var response = await fixture.Admin("us-east").PutAsync($"/v1/admin/wan/{from}/{to}", Json(body));
        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-argument");
    }

    [Fact]
    public async Task A_region_behind_a_cut_link_answers_503_region_unavailable()
    {
        var admin = fixture.Admin("us-east");
        (await admin.PutAsync("/v1/admin/keyspaces/ap-only", Json("""{"regions":["ap-south"]}"""))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.PutAsync("/v1/admin/wan/us-east/ap-south", Json("""{"cut":true}"""))).StatusCode.ShouldBe(HttpStatusCode.OK);
        try
        {
            HttpResponseMessage? response = null;
            await Eventually.HoldsAsync(async () => (response = await fixture.Client("us-east").GetAsync("/v1/kv/ap-only/k")).StatusCode == HttpStatusCode.ServiceUnavailable,
                "us-east sees the cut");
            var problem = await response!.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "region-unavailable");
            problem.GetProperty("region").GetString().ShouldBe("ap-south");
        }
        finally
        {
            (await admin.PutAsync("/v1/admin/wan/us-east/ap-south", Json("""{"cut":false}"""))).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }
}
