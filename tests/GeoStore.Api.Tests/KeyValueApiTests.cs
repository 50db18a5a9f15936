using System.Net;
using System.Net.Http.Headers;
using System.Text;
using GeoStore.Testing;
using Shouldly;

namespace GeoStore.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class KeyValueApiTests(GeoStoreApiFixture fixture)
{
    private static string NewKey() => $"k-{Guid.NewGuid():N}";

    private static ByteArrayContent Body(string text, string contentType = "text/plain")
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    [Fact]
    public async Task A_put_answers_204_with_an_etag_and_a_get_in_another_region_returns_the_same_bytes_and_content_type()
    {
        var key = NewKey();
        var put = await fixture.Client("us-east").PutAsync($"/v1/kv/default/{key}", Body("{\"hello\":1}", "application/json"));

        put.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var etag = put.Headers.ETag.ShouldNotBeNull();
        put.Headers.GetValues("GeoStore-Region").ShouldBe(["us-east"]);
        put.Headers.GetValues("GeoStore-Timestamp").Single().ShouldContain(".");

        HttpResponseMessage? get = null;
        await Eventually.HoldsAsync(async () => (get = await fixture.Client("eu-west").GetAsync($"/v1/kv/default/{key}")).StatusCode == HttpStatusCode.OK, "eu-west serves the write");
        (await get!.Content.ReadAsStringAsync()).ShouldBe("{\"hello\":1}");
        get.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        get.Headers.ETag.ShouldBe(etag);
        get.Headers.GetValues("GeoStore-Region").ShouldBe(["eu-west"]);
        get.Headers.GetValues("GeoStore-Timestamp").ShouldBe(put.Headers.GetValues("GeoStore-Timestamp"));
    }

    [Fact]
    public async Task A_missing_key_answers_404_key_not_found()
    {
        var response = await fixture.Client("ap-south").GetAsync($"/v1/kv/default/{NewKey()}");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "key-not-found");
        problem.GetProperty("region").GetString().ShouldBe("ap-south");
    }

    [Fact]
    public async Task A_delete_answers_204_and_the_key_reads_as_absent()
    {
        var key = NewKey();
        var client = fixture.Client("eu-west");
        (await client.PutAsync($"/v1/kv/default/{key}", Body("v"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await client.DeleteAsync($"/v1/kv/default/{key}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await (await client.GetAsync($"/v1/kv/default/{key}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "key-not-found");
    }

    [Fact]
    public async Task If_none_match_star_creates_only_when_absent()
    {
        var key = NewKey();
        var client = fixture.Client("us-east");

        var first = new HttpRequestMessage(HttpMethod.Put, $"/v1/kv/default/{key}") { Content = Body("first") };
        first.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Any);
        (await client.SendAsync(first)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var second = new HttpRequestMessage(HttpMethod.Put, $"/v1/kv/default/{key}") { Content = Body("second") };
        second.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Any);
        await (await client.SendAsync(second)).ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed, "precondition-failed");

        (await (await client.GetAsync($"/v1/kv/default/{key}")).Content.ReadAsStringAsync()).ShouldBe("first");
    }

    [Fact]
    public async Task If_match_writes_only_over_the_named_version()
    {
        var key = NewKey();
        var client = fixture.Client("us-east");
        var v1 = (await client.PutAsync($"/v1/kv/default/{key}", Body("v1"))).Headers.ETag!;
        var v2 = (await client.PutAsync($"/v1/kv/default/{key}", Body("v2"))).Headers.ETag!;

        var stale = new HttpRequestMessage(HttpMethod.Put, $"/v1/kv/default/{key}") { Content = Body("lost update") };
        stale.Headers.IfMatch.Add(v1);
        var refused = await (await client.SendAsync(stale)).ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed, "precondition-failed");
        refused.GetProperty("currentETag").GetString().ShouldBe(v2.Tag);

        var current = new HttpRequestMessage(HttpMethod.Put, $"/v1/kv/default/{key}") { Content = Body("v3") };
        current.Headers.IfMatch.Add(v2);
        (await client.SendAsync(current)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await (await client.GetAsync($"/v1/kv/default/{key}")).Content.ReadAsStringAsync()).ShouldBe("v3");
    }

    [Fact]
    public async Task A_conditional_get_with_the_current_etag_answers_304()
    {
        var key = NewKey();
        var client = fixture.Client("ap-south");
        var etag = (await client.PutAsync($"/v1/kv/default/{key}", Body("v"))).Headers.ETag!;

        var get = new HttpRequestMessage(HttpMethod.Get, $"/v1/kv/default/{key}");
        get.Headers.IfNoneMatch.Add(etag);

        (await client.SendAsync(get)).StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }

    [Theory]
    [InlineData("a/b/c", "a/b/c")]
    [InlineData("a%2Fb", "a/b")]
    [InlineData("sp%20ace%3F%23%25+plus", "sp ace?#%+plus")]
    [InlineData("%F0%9F%98%80", "😀")]
    public async Task Keys_with_any_character_round_trip(string encoded, string key)
    {
        var client = fixture.Client("us-east");
        var suffix = Guid.NewGuid().ToString("N");
        (await client.PutAsync($"/v1/kv/default/{encoded}{suffix}", Body(key))).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var get = await client.GetAsync($"/v1/kv/default/{Uri.EscapeDataString(key + suffix)}");

        get.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await get.Content.ReadAsStringAsync()).ShouldBe(key);
    }

    [Fact]
    public async Task An_empty_value_is_a_value_not_a_delete()
    {
        var key = NewKey();
        var client = fixture.Client("eu-west");
        (await client.PutAsync($"/v1/kv/default/{key}", new ByteArrayContent([]))).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var get = await client.GetAsync($"/v1/kv/default/{key}");

        get.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await get.Content.ReadAsByteArrayAsync()).ShouldBeEmpty();
        get.Content.Headers.ContentType!.MediaType.ShouldBe("application/octet-stream");
    }
}
