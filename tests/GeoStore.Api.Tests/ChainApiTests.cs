using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GeoStore.Testing;
using Shouldly;

namespace GeoStore.Api.Tests;

/// <summary>Chain keyspaces over HTTP: the policy, the headers that name the chain and who answered, chain-unavailable, the chain admin API.</summary>
[Collection(ApiCollection.Name)]
public sealed class ChainApiTests(GeoStoreApiFixture fixture)
{
    private const string Chain = """{"mode":"Chain","regions":["us-east","eu-west","ap-south"]}""";

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : string.Empty;

    [Fact]
    public async Task A_chain_policy_is_accepted_and_its_chain_starts_at_version_one_in_the_given_order()
    {
        var name = $"chain-{Guid.NewGuid():N}";
        var put = await fixture.Admin("us-east").PutAsync($"/v1/admin/keyspaces/{name}", HttpBodies.Json("""{"mode":"Chain","regions":["eu-west","ap-south","us-east"]}"""));

        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        (await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("mode").GetString().ShouldBe("Chain");
        var chain = await fixture.Admin("ap-south").GetFromJsonAsync<JsonElement>($"/v1/admin/keyspaces/{name}/chain");
        chain.GetProperty("version").GetInt64().ShouldBe(1);
        chain.GetProperty("members").EnumerateArray().Select(m => m.GetString()).ShouldBe(["eu-west", "ap-south", "us-east"]);
        chain.GetProperty("head").GetString().ShouldBe("eu-west");
        chain.GetProperty("tail").GetString().ShouldBe("us-east");
    }

    [Theory]
    [InlineData("""{"mode":"Chain","regions":["us-east","eu-west"],"resolver":"MultiValue"}""", "resolver")]
    [InlineData("""{"mode":"Chain","regions":["us-east","eu-west"],"topology":"Ring"}""", "topology")]
    [InlineData("""{"mode":"Chain","regions":["us-east","eu-west"],"w":2}""", "mode")]
    [InlineData("""{"mode":"Chain","regions":["us-east","moon"]}""", "regions")]
    public async Task An_invalid_chain_policy_answers_400_naming_the_field(string body, string field) =>
        await fixture.ShouldRefusePolicyAsync($"chain-{Guid.NewGuid():N}", body, field);

    [Fact]
    public async Task A_chain_keyspace_keeps_its_regions_and_their_order()
    {
        var keyspace = await fixture.CreateKeyspaceAsync("chain", Chain);

        var put = await fixture.Admin("us-east").PutAsync($"/v1/admin/keyspaces/{keyspace}", HttpBodies.Json("""{"mode":"Chain","regions":["ap-south","eu-west","us-east"]}"""));

        var problem = await put.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-argument");
        problem.GetProperty("errors").TryGetProperty("regions", out _).ShouldBeTrue(problem.ToString());
    }

    [Fact]
    public async Task A_write_names_the_chain_and_the_tail_that_acknowledged_it_and_a_read_the_member_that_served()
    {
        var keyspace = await fixture.CreateKeyspaceAsync("chain", Chain);

        var put = await fixture.Client("eu-west").PutAsync($"/v1/kv/{keyspace}/user/1", HttpBodies.Value("hello"));

        put.StatusCode.ShouldBe(HttpStatusCode.NoContent, await put.Content.ReadAsStringAsync());
        Header(put, "GeoStore-Chain").ShouldBe("v1 us-east>eu-west>ap-south");
        Header(put, "GeoStore-Served-By").ShouldBe("ap-south", "the tail acknowledges");
        Header(put, "GeoStore-Region").ShouldBe("us-east", "the head took it");
        Header(put, "GeoStore-Chain-Sequence").ShouldBe("1");
        Header(put, "GeoStore-Log-Position").ShouldBeEmpty("a chain write is in no region's log");
        var etag = put.Headers.ETag!.Tag;

        foreach (var region in GeoStoreApiFixture.Regions)
        {
            var get = await fixture.Client(region).GetAsync($"/v1/kv/{keyspace}/user/1");
            get.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await get.Content.ReadAsStringAsync()).ShouldBe("hello");
            get.Headers.ETag!.Tag.ShouldBe(etag);
            Header(get, "GeoStore-Chain").ShouldBe("v1 us-east>eu-west>ap-south");
            Header(get, "GeoStore-Served-By").ShouldBe(region, "each member answers a clean key itself (CRAQ)");
            Header(get, "GeoStore-Chain-Read").ShouldBe("clean");
        }

        var stale = new HttpRequestMessage(HttpMethod.Put, $"/v1/kv/{keyspace}/user/1") { Content = HttpBodies.Value("lost update") };
        stale.Headers.IfMatch.ParseAdd("\"1.0@us-east\"");
        (await (await fixture.Client("ap-south").SendAsync(stale)).ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed, "precondition-failed"))
            .GetProperty("currentETag").GetString().ShouldBe(etag);
    }

    [Fact]
    public async Task A_write_whose_chain_cannot_be_reached_answers_503_chain_unavailable_at_once()
    {
        var keyspace = await fixture.CreateKeyspaceAsync("alone", """{"mode":"Chain","regions":["ap-south"]}""");
        await fixture.PartitionAsync("us-east", "ap-south");
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var put = await fixture.Client("us-east").PutAsync($"/v1/kv/{keyspace}/k", HttpBodies.Value("v"));
            clock.Stop();

            var problem = await put.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "chain-unavailable");
            clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(2), "a cut link fails fast, it is not waited out");
            problem.GetProperty("operation").GetString().ShouldBe("write");
            problem.GetProperty("chainVersion").GetInt64().ShouldBe(1);
            problem.GetProperty("chain").EnumerateArray().Select(e => e.GetString()).ShouldBe(["ap-south"]);
            problem.GetProperty("unreached").EnumerateArray().Select(e => e.GetString()).ShouldBe(["ap-south"]);
            problem.GetProperty("indeterminate").GetBoolean().ShouldBeFalse("the request never reached the head");

            var get = await fixture.Client("us-east").GetAsync($"/v1/kv/{keyspace}/k");
            (await get.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "chain-unavailable")).GetProperty("operation").GetString().ShouldBe("read");
        }
        finally
        {
            await fixture.HealAsync("us-east", "ap-south");
        }
    }

    [Fact]
    public async Task An_operator_removes_a_member_and_appends_it_again_as_the_tail()
    {
        var keyspace = await fixture.CreateKeyspaceAsync("chain", Chain);
        var admin = fixture.Admin("eu-west");
        (await fixture.Client("us-east").PutAsync($"/v1/kv/{keyspace}/k", HttpBodies.Value("v1"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var removed = await admin.DeleteAsync($"/v1/admin/keyspaces/{keyspace}/chain/members/us-east");
        removed.StatusCode.ShouldBe(HttpStatusCode.OK, await removed.Content.ReadAsStringAsync());
        var afterRemoval = await removed.Content.ReadFromJsonAsync<JsonElement>();
        afterRemoval.GetProperty("version").GetInt64().ShouldBe(2);
        afterRemoval.GetProperty("removed").EnumerateArray().Select(e => e.GetString()).ShouldBe(["us-east"]);
        // A silo may start a write from the chain it cached a moment ago: safe (no member had heard of
        // the new one, so the write went down the whole old chain), but this wants the new one.
        await Eventually.HoldsAsync(
            async () => Header(await fixture.Client("us-east").PutAsync($"/v1/kv/{keyspace}/k", HttpBodies.Value("v2")), "GeoStore-Chain") == "v2 eu-west>ap-south",
            "a write goes down the chain without us-east");

        var appended = await admin.PostAsync($"/v1/admin/keyspaces/{keyspace}/chain/members/us-east", null);
        appended.StatusCode.ShouldBe(HttpStatusCode.OK, await appended.Content.ReadAsStringAsync());
        var afterAppend = await appended.Content.ReadFromJsonAsync<JsonElement>();
        afterAppend.GetProperty("members").EnumerateArray().Select(e => e.GetString()).ShouldBe(["eu-west", "ap-south", "us-east"]);
        afterAppend.GetProperty("joinedAt").GetProperty("us-east").GetInt64().ShouldBe(3);

        var get = await fixture.Client("us-east").GetAsync($"/v1/kv/{keyspace}/k");
        (await get.Content.ReadAsStringAsync()).ShouldBe("v2", "the appended member copied the key from its predecessor");
        Header(get, "GeoStore-Served-By").ShouldBe("us-east");
        Header(get, "GeoStore-Chain").ShouldBe("v3 eu-west>ap-south>us-east");

        (await (await admin.PostAsync($"/v1/admin/keyspaces/{keyspace}/chain/members/us-east", null)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-argument"))
            .GetProperty("detail").GetString()!.ShouldContain("already a member");
        await (await admin.DeleteAsync($"/v1/admin/keyspaces/{keyspace}/chain/members/moon")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-argument");
        await (await admin.GetAsync($"/v1/admin/keyspaces/default/chain")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-argument");
    }
}
