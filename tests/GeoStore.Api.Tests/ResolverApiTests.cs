using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GeoStore.Testing;
using Shouldly;

namespace GeoStore.Api.Tests;

/// <summary>MultiValue siblings over HTTP (300 Multiple Choices, causal context) and the CRDT endpoints.</summary>
[Collection(ApiCollection.Name)]
public sealed class ResolverApiTests(GeoStoreApiFixture fixture)
{
    private const string ContextHeader = "GeoStore-Causal-Context";

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static StringContent Text(string text) => new(text, Encoding.UTF8, "text/plain");

    private async Task<string> KeyspaceAsync(string policy)
    {
        var name = $"api-{Guid.NewGuid():N}"[..30];
        var put = await fixture.Admin("us-east").PutAsync($"/v1/admin/keyspaces/{name}", Json(policy));
        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());

        // Wait until every region's API and silos know it: a read answers key-not-found, not keyspace-not-found.
        var probe = policy.Contains("\"Crdt\"", StringComparison.Ordinal) ? $"/v1/crdt/{name}/probe" : $"/v1/kv/{name}/probe";
        foreach (var region in GeoStoreApiFixture.Regions.Where(r => policy.Contains($"\"{r}\"", StringComparison.Ordinal)))
        {
            await Eventually.HoldsAsync(async () =>
            {
                var read = await fixture.Client(region).GetAsync(probe);
                return read.StatusCode == HttpStatusCode.NotFound && (await read.Content.ReadAsStringAsync()).Contains("key-not-found", StringComparison.Ordinal);
            }, $"{region} knows {name}");
        }

        return name;
    }

    private async Task SetCutAsync(string from, string to, bool cut)
    {
        foreach (var (a, b) in new[] { (from, to), (to, from) })
        {
            (await fixture.Admin("us-east").PutAsync($"/v1/admin/wan/{a}/{b}", Json($$"""{"cut":{{(cut ? "true" : "false")}}}"""))).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task Concurrent_puts_answer_300_with_every_sibling_and_a_put_with_the_context_resolves_them()
    {
        var keyspace = await KeyspaceAsync("""{"mode":"MultiLeader","regions":["us-east","eu-west","ap-south"],"resolver":"MultiValue"}""");
        await SetCutAsync("us-east", "eu-west", cut: true);
        try
        {
            (await fixture.Client("us-east").PutAsync($"/v1/kv/{keyspace}/cart", Text("milk"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);
            (await fixture.Client("eu-west").PutAsync($"/v1/kv/{keyspace}/cart", Text("eggs"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }
        finally
        {
            await SetCutAsync("us-east", "eu-west", cut: false);
        }

        HttpResponseMessage answer = null!;
        var body = default(JsonElement);
        await Eventually.HoldsAsync(async () =>
        {
            answer = await fixture.Client("ap-south").GetAsync($"/v1/kv/{keyspace}/cart");
            if (answer.StatusCode != HttpStatusCode.MultipleChoices)
            {
                return false;
            }

            body = await answer.Content.ReadFromJsonAsync<JsonElement>();
            return body.GetProperty("siblings").GetArrayLength() == 2;
        }, "ap-south answers 300 with both siblings");

        body.GetProperty("siblings").EnumerateArray().Select(s => s.GetProperty("text").GetString()).Order().ShouldBe(["eggs", "milk"]);
        var context = answer.Headers.GetValues(ContextHeader).Single();
        body.GetProperty("context").GetString().ShouldBe(context);

        var resolve = new HttpRequestMessage(HttpMethod.Put, $"/v1/kv/{keyspace}/cart") { Content = Text("eggs,milk") };
        resolve.Headers.Add(ContextHeader, context);
        (await fixture.Client("ap-south").SendAsync(resolve)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        foreach (var region in GeoStoreApiFixture.Regions)
        {
            await Eventually.HoldsAsync(async () =>
            {
                var read = await fixture.Client(region).GetAsync($"/v1/kv/{keyspace}/cart");
                return read.StatusCode == HttpStatusCode.OK && await read.Content.ReadAsStringAsync() == "eggs,milk";
            }, $"{region} serves the one resolved value");
        }
    }

    [Fact]
    public async Task A_bad_causal_context_or_one_sent_to_a_lww_keyspace_is_refused()
    {
        var garbage = new HttpRequestMessage(HttpMethod.Put, "/v1/kv/default/ctx") { Content = Text("x") };
        garbage.Headers.Add(ContextHeader, "not-a-token");
        await (await fixture.Client("us-east").SendAsync(garbage)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-argument");

        var onLww = new HttpRequestMessage(HttpMethod.Put, "/v1/kv/default/ctx") { Content = Text("x") };
        onLww.Headers.Add(ContextHeader, "c1.");
        await (await fixture.Client("us-east").SendAsync(onLww)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-argument");
    }

    [Fact]
    public async Task A_blind_put_beyond_the_sibling_cap_answers_409_too_many_siblings()
    {
        var keyspace = await KeyspaceAsync("""{"mode":"MultiLeader","regions":["us-east","eu-west","ap-south"],"resolver":"MultiValue","maxSiblings":1}""");
        (await fixture.Client("us-east").PutAsync($"/v1/kv/{keyspace}/k", Text("one"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var second = await fixture.Client("us-east").PutAsync($"/v1/kv/{keyspace}/k", Text("two"));

        await second.ShouldBeProblemAsync(HttpStatusCode.Conflict, "too-many-siblings");
    }

    [Fact]
    public async Task Crdt_operations_from_every_region_add_up_and_the_state_reads_as_json()
    {
        var keyspace = await KeyspaceAsync("""{"mode":"MultiLeader","regions":["us-east","eu-west","ap-south"],"resolver":"Crdt","crdt":"PnCounter"}""");
        (await fixture.Client("us-east").PostAsync($"/v1/crdt/{keyspace}/likes", Json("""{"op":"increment","by":5}"""))).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await fixture.Client("eu-west").PostAsync($"/v1/crdt/{keyspace}/likes", Json("""[{"op":"increment"},{"op":"decrement","by":3}]"""))).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        foreach (var region in GeoStoreApiFixture.Regions)
        {
            await Eventually.HoldsAsync(async () =>
            {
                var read = await fixture.Client(region).GetAsync($"/v1/crdt/{keyspace}/likes");
                return read.StatusCode == HttpStatusCode.OK && (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("value").GetInt64() == 3;
            }, $"{region} counts 3");
        }
    }

    [Theory]
    [InlineData("""{"op":"add","elements":["a"]}""")]
    [InlineData("""{"op":"increment","by":-1}""")]
    [InlineData("""{"op":"explode"}""")]
    [InlineData("""not json""")]
    public async Task A_crdt_operation_that_does_not_fit_the_keyspace_type_is_refused_with_a_problem(string body)
    {
        var keyspace = await KeyspaceAsync("""{"mode":"MultiLeader","regions":["us-east","eu-west"],"resolver":"Crdt","crdt":"PnCounter"}""");

        var response = await fixture.Client("us-east").PostAsync($"/v1/crdt/{keyspace}/k", Json(body));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-argument");
    }

    [Fact]
    public async Task Crdt_keys_are_not_written_through_the_key_value_api_and_a_crdt_keyspace_needs_its_type()
    {
        var keyspace = await KeyspaceAsync("""{"mode":"MultiLeader","regions":["us-east","eu-west"],"resolver":"Crdt","crdt":"OrSet"}""");
        await (await fixture.Client("us-east").PutAsync($"/v1/kv/{keyspace}/k", Text("x"))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-argument");
        await (await fixture.Client("us-east").PostAsync("/v1/crdt/default/k", Json("""{"op":"increment"}"""))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-argument");

        var untyped = await fixture.Admin("us-east").PutAsync("/v1/admin/keyspaces/crdt-untyped", Json("""{"mode":"MultiLeader","regions":["us-east"],"resolver":"Crdt"}"""));
        (await untyped.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-argument")).GetRawText().ShouldContain("crdt");
    }
}
