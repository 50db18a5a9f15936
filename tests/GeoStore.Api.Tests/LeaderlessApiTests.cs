using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GeoStore.Testing;
using Shouldly;

namespace GeoStore.Api.Tests;

/// <summary>Leaderless keyspaces over HTTP: policy checks, per-request w and r, which replicas answered, quorum-not-met.</summary>
[Collection(ApiCollection.Name)]
public sealed class LeaderlessApiTests(GeoStoreApiFixture fixture)
{
    private const string Leaderless = """{"mode":"Leaderless","regions":["us-east","eu-west","ap-south"],"n":3,"w":2,"r":2}""";

    private static string NewKeyspace() => $"quorum-{Guid.NewGuid():N}";

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : string.Empty;

    [Theory]
    [InlineData("""{"mode":"Leaderless","regions":["us-east","eu-west","ap-south"],"w":4}""", "w")]
    [InlineData("""{"mode":"Leaderless","regions":["us-east","eu-west","ap-south"],"r":0}""", "r")]
    [InlineData("""{"mode":"Leaderless","regions":["us-east","eu-west","ap-south"],"n":2}""", "n")]
    [InlineData("""{"mode":"Leaderless","regions":["us-east","eu-west","ap-south"],"w":1,"r":2,"linearizable":true}""", "linearizable")]
    [InlineData("""{"mode":"Leaderless","regions":["us-east","eu-west","ap-south"],"linearizable":true,"sloppy":true}""", "sloppy")]
    [InlineData("""{"mode":"Leaderless","regions":["us-east","eu-west","ap-south"],"topology":"Ring"}""", "topology")]
    [InlineData("""{"mode":"Leaderless","regions":["us-east","eu-west","ap-south"],"resolver":"Crdt","crdt":"PnCounter"}""", "resolver")]
    [InlineData("""{"mode":"Leaderless","regions":["us-east","eu-west","ap-south"],"resolver":"MultiValue","linearizable":true}""", "linearizable")]
    [InlineData("""{"mode":"MultiLeader","regions":["us-east","eu-west","ap-south"],"w":2}""", "mode")]
    public async Task An_invalid_quorum_policy_answers_400_naming_the_field(string body, string field)
    {
        await fixture.ShouldRefusePolicyAsync(NewKeyspace(), body, field);
    }

    [Fact]
    public async Task A_leaderless_keyspace_without_levels_runs_with_majorities()
    {
        var name = NewKeyspace();
        var put = await fixture.Admin("us-east").PutAsync($"/v1/admin/keyspaces/{name}",
            HttpBodies.Json("""{"mode":"Leaderless","regions":["us-east","eu-west","ap-south"]}"""));

        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        var document = await put.Content.ReadFromJsonAsync<JsonElement>();
        document.GetProperty("mode").GetString().ShouldBe("Leaderless");
        (document.GetProperty("n").GetInt32(), document.GetProperty("w").GetInt32(), document.GetProperty("r").GetInt32()).ShouldBe((3, 2, 2));
        document.GetProperty("linearizable").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task Answers_name_the_level_and_the_replicas_that_stored_or_answered()
    {
        var keyspace = await fixture.CreateKeyspaceAsync("quorum", Leaderless);
        var client = fixture.Client("eu-west");

        var put = await client.PutAsync($"/v1/kv/{keyspace}/k?w=all", HttpBodies.Value("hello"));
        put.StatusCode.ShouldBe(HttpStatusCode.NoContent, await put.Content.ReadAsStringAsync());
        Header(put, "GeoStore-Quorum").ShouldBe("w=3");
        Header(put, "GeoStore-Replicas").Split(',').ShouldBe(["us-east", "eu-west", "ap-south"], ignoreOrder: true);
        Header(put, "ETag").ShouldNotBeEmpty();

        var get = await client.GetAsync($"/v1/kv/{keyspace}/k?r=one");
        (await get.Content.ReadAsStringAsync()).ShouldBe("hello");
        Header(get, "GeoStore-Quorum").ShouldBe("r=1");
        Header(get, "GeoStore-Replicas").ShouldBe("eu-west", "a read asks the local replica first");

        var quorum = await client.GetAsync($"/v1/kv/{keyspace}/k");
        Header(quorum, "GeoStore-Quorum").ShouldBe("r=2");
        Header(quorum, "GeoStore-Replicas").Split(',').Length.ShouldBe(2);
    }

    [Theory]
    [InlineData("PUT", "w=4")]
    [InlineData("PUT", "w=zero")]
    [InlineData("PUT", "w=0")]
    [InlineData("PUT", "w=1&w=2")]
    [InlineData("DELETE", "w=-1")]
    [InlineData("GET", "r=most")]
    [InlineData("GET", "r=5")]
    public async Task A_level_outside_one_to_n_answers_400_and_reaches_no_grain(string method, string query)
    {
        var keyspace = await fixture.CreateKeyspaceAsync("quorum", Leaderless);
        var request = new HttpRequestMessage(new HttpMethod(method), $"/v1/kv/{keyspace}/k?{query}")
        {
            Content = method == "PUT" ? HttpBodies.Value("v") : null,
        };

        var before = GrainCallCounter.Calls;
        var response = await fixture.Client("us-east").SendAsync(request);
        GrainCallCounter.Calls.ShouldBe(before, "bad input must be rejected before any grain is called");
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-argument");
        problem.GetProperty("detail").GetString()!.ShouldContain(query[..1]);
    }

    [Fact]
    public async Task A_level_is_refused_on_keyspaces_that_are_not_leaderless_or_when_it_breaks_linearizability()
    {
        var plain = await fixture.CreateKeyspaceAsync("ml", """{"mode":"MultiLeader","regions":["us-east","eu-west","ap-south"]}""");
        var linearizable = await fixture.CreateKeyspaceAsync("lin", """{"mode":"Leaderless","regions":["us-east","eu-west","ap-south"],"w":2,"r":2,"linearizable":true}""");
        var client = fixture.Client("us-east");

        (await (await client.PutAsync($"/v1/kv/{plain}/k?w=1", HttpBodies.Value("v"))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-argument"))
            .GetProperty("detail").GetString()!.ShouldContain("Leaderless");
        (await (await client.GetAsync($"/v1/kv/{linearizable}/k?r=one")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-argument"))
            .GetProperty("detail").GetString()!.ShouldContain("linearizable");
    }

    [Fact]
    public async Task A_region_cut_off_from_both_others_answers_503_quorum_not_met_with_the_acks_it_reached()
    {
        var keyspace = await fixture.CreateKeyspaceAsync("quorum", Leaderless);
        await fixture.CutAsync("ap-south", "us-east");
        await fixture.CutAsync("ap-south", "eu-west");
        try
        {
            var put = await fixture.Client("ap-south").PutAsync($"/v1/kv/{keyspace}/k", HttpBodies.Value("alone"));
            var problem = await put.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "quorum-not-met");
            problem.GetProperty("operation").GetString().ShouldBe("write");
            problem.GetProperty("required").GetInt32().ShouldBe(2);
            problem.GetProperty("acks").GetInt32().ShouldBe(1);
            problem.GetProperty("replicas").EnumerateArray().Select(e => e.GetString()).ShouldBe(["ap-south"]);
            problem.GetProperty("indeterminate").GetBoolean().ShouldBeTrue("ap-south stored it: the client cannot know whether it will surface");

            var get = await fixture.Client("ap-south").GetAsync($"/v1/kv/{keyspace}/k");
            (await get.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "quorum-not-met")).GetProperty("operation").GetString().ShouldBe("read");
        }
        finally
        {
            await fixture.HealAsync("ap-south", "us-east");
            await fixture.HealAsync("ap-south", "eu-west");
        }
    }

    [Theory]
    [InlineData("""{"mode":"Leaderless","regions":["us-east","eu-west"],"w":2,"r":2,"linearizable":true}""", "regions")]
    [InlineData("""{"mode":"Leaderless","regions":["us-east","eu-west","ap-south"],"w":2,"r":2}""", "linearizable")]
    [InlineData("""{"mode":"Leaderless","regions":["us-east","eu-west","ap-south"],"w":3,"r":1,"linearizable":true}""", "w")]
    [InlineData("""{"mode":"MultiLeader","regions":["us-east","eu-west","ap-south"]}""", "mode")]
    public async Task A_change_that_would_break_what_a_linearizable_keyspace_promised_is_refused(string change, string field)
    {
        var keyspace = await fixture.CreateKeyspaceAsync("fixed", """{"mode":"Leaderless","regions":["us-east","eu-west","ap-south"],"w":2,"r":2,"linearizable":true}""");

        var put = await fixture.Admin("us-east").PutAsync($"/v1/admin/keyspaces/{keyspace}", HttpBodies.Json(change));

        var problem = await put.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-argument");
        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(problem.ToString());
    }

    [Fact]
    public async Task A_linearizable_keyspace_may_raise_its_levels()
    {
        var keyspace = await fixture.CreateKeyspaceAsync("raise", """{"mode":"Leaderless","regions":["us-east","eu-west","ap-south"],"w":2,"r":2,"linearizable":true}""");

        var put = await fixture.Admin("us-east").PutAsync($"/v1/admin/keyspaces/{keyspace}",
            HttpBodies.Json("""{"mode":"Leaderless","regions":["us-east","eu-west","ap-south"],"w":3,"r":2,"linearizable":true}"""));

        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        (await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("w").GetInt32().ShouldBe(3);
    }

    [Fact]
    public async Task A_request_may_not_lower_a_linearizable_keyspaces_write_level_even_if_its_own_sum_overlaps()
    {
        var keyspace = await fixture.CreateKeyspaceAsync("lin", """{"mode":"Leaderless","regions":["us-east","eu-west","ap-south"],"w":3,"r":2,"linearizable":true}""");

        // Each request is checked alone, so the rule is one every pair of requests keeps: no level below the keyspace's.
        var put = await fixture.Client("us-east").PutAsync($"/v1/kv/{keyspace}/k?w=2", HttpBodies.Value("v"));
        (await put.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-argument")).GetProperty("detail").GetString()!.ShouldContain("not lower them");
    }

    [Fact]
    public async Task A_sloppy_write_to_a_cut_region_names_the_hint_and_the_regions_view_shows_it_pending_until_heal()
    {
        var keyspace = await fixture.CreateKeyspaceAsync("sloppy", """{"mode":"Leaderless","regions":["us-east","eu-west","ap-south"],"w":3,"r":1,"sloppy":true}""");
        await fixture.PartitionAsync("us-east", "ap-south");
        try
        {
            var put = await fixture.Client("us-east").PutAsync($"/v1/kv/{keyspace}/k", HttpBodies.Value("hinted"));
            put.StatusCode.ShouldBe(HttpStatusCode.NoContent, await put.Content.ReadAsStringAsync());
            Header(put, "GeoStore-Hinted").ShouldBe("ap-south");
            (await PendingHints("ap-south")).ShouldBeGreaterThan(0);
        }
        finally
        {
            await fixture.HealAsync("us-east", "ap-south");
        }

        await Eventually.HoldsAsync(async () => await PendingHints("ap-south") == 0, "the hint is delivered and leaves the regions view");
        (await (await fixture.Client("ap-south").GetAsync($"/v1/kv/{keyspace}/k?r=one")).Content.ReadAsStringAsync()).ShouldBe("hinted");
    }

    private async Task<long> PendingHints(string target)
    {
        var view = await fixture.Admin("us-east").GetFromJsonAsync<JsonElement>("/v1/admin/regions");
        var east = view.GetProperty("regions").EnumerateArray().Single(r => r.GetProperty("region").GetString() == "us-east");
        return east.GetProperty("hints").EnumerateArray().Where(h => h.GetProperty("target").GetString() == target).Sum(h => h.GetProperty("pending").GetInt64());
    }
}
