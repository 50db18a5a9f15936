using System.Net;
using System.Text;
using Shouldly;

namespace GeoStore.Api.Tests;

/// <summary>Every kind of bad input gets its problem type, and none of them reaches a grain.</summary>
[Collection(ApiCollection.Name)]
public sealed class BadInputTests(GeoStoreApiFixture fixture)
{
    private async Task<HttpResponseMessage> WithoutGrainCalls(Func<HttpClient, Task<HttpResponseMessage>> send)
    {
        var before = GrainCallCounter.Calls;
        var response = await send(fixture.Client("us-east"));
        GrainCallCounter.Calls.ShouldBe(before, "bad input must be rejected before any grain is called");
        return response;
    }

    [Theory]
    [InlineData("Upper")]
    [InlineData("bad%20space")]
    [InlineData("under%2Fslash")]
    public async Task An_invalid_keyspace_name_answers_400_invalid_keyspace(string keyspace)
    {
        var response = await WithoutGrainCalls(c => c.GetAsync($"/v1/kv/{keyspace}/key"));
        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-keyspace");
    }

    [Theory]
    [InlineData("ctrl%01char")]
    [InlineData("new%0Aline")]
    [InlineData("%FF%FE")]
    public async Task A_key_with_control_characters_or_broken_encoding_answers_400_invalid_key(string key)
    {
        var response = await WithoutGrainCalls(c => c.PutAsync($"/v1/kv/default/{key}", new StringContent("v")));
        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-key");
    }

    [Fact]
    public async Task A_key_over_512_bytes_answers_413_too_large()
    {
        var response = await WithoutGrainCalls(c => c.GetAsync($"/v1/kv/default/{new string('k', 513)}"));
        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "too-large");
    }

    [Fact]
    public async Task A_value_over_the_configured_limit_answers_413_too_large()
    {
        var value = new string('v', GeoStoreApiFixture.MaxValueBytes + 1);
        var response = await WithoutGrainCalls(c => c.PutAsync("/v1/kv/default/big", new StringContent(value, Encoding.ASCII)));
        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "too-large");
    }

    [Fact]
    public async Task A_chunked_value_over_the_limit_is_cut_off_with_413_too()
    {
        var content = new StreamContent(new MemoryStream(new byte[GeoStoreApiFixture.MaxValueBytes * 2]));
        content.Headers.ContentLength = null;
        var response = await WithoutGrainCalls(c => c.SendAsync(new HttpRequestMessage(HttpMethod.Put, "/v1/kv/default/chunked") { Content = content, Headers = { TransferEncodingChunked = true } }));
        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "too-large");
    }

    [Fact]
    public async Task An_unknown_keyspace_answers_404_keyspace_not_found()
    {
        var response = await WithoutGrainCalls(c => c.GetAsync("/v1/kv/no-such-keyspace/key"));
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "keyspace-not-found");
        problem.GetProperty("keyspace").GetString().ShouldBe("no-such-keyspace");
    }

    [Fact]
    public async Task An_unsupported_if_none_match_on_a_write_answers_400_invalid_argument()
    {
        var response = await WithoutGrainCalls(c => c.SendAsync(new HttpRequestMessage(HttpMethod.Put, "/v1/kv/default/cond")
        {
            Content = new StringContent("v"),
            Headers = { { "If-None-Match", "\"some-etag\"" } },
        }));
        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-argument");
    }
}
