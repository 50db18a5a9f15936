using System.Globalization;
using System.Net;
using GeoStore.Testing;
using Shouldly;

namespace GeoStore.Api.Tests;

/// <summary>
/// Read-your-writes across regions on request: a write's <c>GeoStore-Session</c> token, sent back on
/// a read, makes the serving region wait for that write or answer 503 stale-read.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class SessionReadTests(GeoStoreApiFixture fixture)
{
    private const string SessionHeader = "GeoStore-Session";
    private const string MaxWaitHeader = "GeoStore-Max-Wait";

    private static string NewKey() => $"k-{Guid.NewGuid():N}";

    private static HttpRequestMessage Get(string key, string? session, string? maxWait = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/kv/default/{key}");
        if (session is not null)
        {
            request.Headers.TryAddWithoutValidation(SessionHeader, session);
        }

        if (maxWait is not null)
        {
            request.Headers.TryAddWithoutValidation(MaxWaitHeader, maxWait);
        }

        return request;
    }

    [Fact]
    public async Task A_put_answers_its_session_token_the_etag_without_quotes()
    {
        var put = await fixture.Client("us-east").PutAsync($"/v1/kv/default/{NewKey()}", HttpBodies.Value("v"));

        put.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var etag = put.Headers.ETag.ShouldNotBeNull();
        etag.IsWeak.ShouldBeFalse();
        put.Headers.GetValues(SessionHeader).ShouldHaveSingleItem().ShouldBe(etag.Tag.Trim('"'));
        etag.Tag.ShouldEndWith("@us-east\"");
    }

    [Theory]
    [InlineData("garbage", null)]
    [InlineData("1732364400000.0", null)]
    [InlineData("1732364400000.0@", null)]
    [InlineData("@us-east", null)]
    [InlineData("1732364400000.0@US_EAST", null)]
    [InlineData("1732364400000.0@mars-west", null)]
    [InlineData(null, "300")]
    [InlineData("1732364400000.0@us-east", "8001")]
    [InlineData("1732364400000.0@us-east", "-1")]
    [InlineData("1732364400000.0@us-east", "soon")]
    public async Task An_invalid_session_or_max_wait_answers_400_before_any_grain_call(string? session, string? maxWait)
    {
        var before = GrainCallCounter.Calls;

        var response = await fixture.Client("eu-west").SendAsync(Get(NewKey(), session, maxWait));

        GrainCallCounter.Calls.ShouldBe(before, "bad session headers must be rejected before any grain is called");
        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-argument");
    }

    [Fact]
    public async Task A_read_with_a_session_token_waits_for_the_write_and_reports_what_it_has_applied()
    {
        var key = NewKey();
        var put = await fixture.Client("us-east").PutAsync($"/v1/kv/default/{key}", HttpBodies.Value("fresh"));
        put.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var timestamp = put.Headers.GetValues("GeoStore-Timestamp").Single();

        var get = await fixture.Client("eu-west").SendAsync(Get(key, put.Version(), "8000"));

        get.StatusCode.ShouldBe(HttpStatusCode.OK, await get.Content.ReadAsStringAsync());
        (await get.Content.ReadAsStringAsync()).ShouldBe("fresh");
        get.Headers.ETag.ShouldBe(put.Headers.ETag);
        get.Headers.GetValues("GeoStore-Region").ShouldBe(["eu-west"]);
        get.Headers.GetValues("GeoStore-Applied").ShouldHaveSingleItem().ShouldContain($"us-east={timestamp}");
    }

    [Theory]
    [InlineData(false, "0")]
    [InlineData(true, "8000")]
    [InlineData(false, null)]
    public async Task A_session_token_may_be_sent_as_the_quoted_etag_too_with_a_max_wait_up_to_8_seconds(bool quoted, string? maxWait)
    {
        var key = NewKey();
        var put = await fixture.Client("eu-west").PutAsync($"/v1/kv/default/{key}", HttpBodies.Value("mine"));
        put.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var token = quoted ? put.Headers.ETag!.Tag : put.Version();

        var get = await fixture.Client("eu-west").SendAsync(Get(key, token, maxWait));

        get.StatusCode.ShouldBe(HttpStatusCode.OK, await get.Content.ReadAsStringAsync());
        (await get.Content.ReadAsStringAsync()).ShouldBe("mine");
    }

    [Fact]
    public async Task A_read_in_the_writing_region_lists_it_as_applied()
    {
        var key = NewKey();
        var put = await fixture.Client("ap-south").PutAsync($"/v1/kv/default/{key}", HttpBodies.Value("v"));
        put.StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var get = await fixture.Client("ap-south").GetAsync($"/v1/kv/default/{key}");

        get.StatusCode.ShouldBe(HttpStatusCode.OK);
        get.Headers.GetValues("GeoStore-Applied").ShouldHaveSingleItem().ShouldContain($"ap-south={put.Headers.GetValues("GeoStore-Timestamp").Single()}");
    }

    [Fact]
    public async Task A_session_read_behind_a_cut_link_answers_503_stale_read_and_succeeds_once_healed()
    {
        var key = NewKey();
        var first = await fixture.Client("us-east").PutAsync($"/v1/kv/default/{key}", HttpBodies.Value("old"));
        first.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await fixture.ServesAsync("eu-west", "default", key, first.Headers.ETag!);

        HttpResponseMessage put;
        try
        {
            await fixture.CutAsync("us-east", "eu-west");
            put = await fixture.Client("us-east").PutAsync($"/v1/kv/default/{key}", HttpBodies.Value("new"));
            put.StatusCode.ShouldBe(HttpStatusCode.NoContent);

            var plain = await fixture.Client("eu-west").GetAsync($"/v1/kv/default/{key}");
            (await plain.Content.ReadAsStringAsync()).ShouldBe("old", "without a session a read is served from the stale replica");

            var stale = await fixture.Client("eu-west").SendAsync(Get(key, put.Version(), "300"));

            var problem = await stale.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "stale-read");
            problem.GetProperty("region").GetString().ShouldBe("eu-west");
            problem.GetProperty("awaited").GetString().ShouldBe(put.Version());
            problem.GetProperty("waitedMs").GetDouble().ShouldBe(300);
        }
        finally
        {
            await fixture.HealAsync("us-east", "eu-west");
        }

        HttpResponseMessage? fresh = null;
        await Eventually.HoldsAsync(async () => (fresh = await fixture.Client("eu-west").SendAsync(Get(key, put.Version(), "300"))).StatusCode == HttpStatusCode.OK,
            "eu-west serves the session's write once the link is healed");
        (await fresh!.Content.ReadAsStringAsync()).ShouldBe("new");
        fresh.Headers.ETag.ShouldBe(put.Headers.ETag);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("1732364400000.0@mars-west")]
    [InlineData("99999999999999.0@us-east")]
    public async Task A_write_with_an_invalid_session_token_answers_400_before_any_grain_call(string session)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/v1/kv/default/{NewKey()}") { Content = HttpBodies.Value("v") };
        request.Headers.TryAddWithoutValidation(SessionHeader, session);
        var before = GrainCallCounter.Calls;

        var response = await fixture.Client("us-east").SendAsync(request);

        GrainCallCounter.Calls.ShouldBe(before, "bad session headers must be rejected before any grain is called");
        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-argument");
    }

    [Fact]
    public async Task A_write_that_sends_the_session_of_a_write_it_saw_is_versioned_after_it_even_one_from_a_clock_running_ahead()
    {
        // A token as a region whose clock runs two seconds fast would hand out.
        var ahead = DateTimeOffset.UtcNow.AddSeconds(2).ToUnixTimeMilliseconds();
        var request = new HttpRequestMessage(HttpMethod.Put, $"/v1/kv/default/{NewKey()}") { Content = HttpBodies.Value("after") };
        request.Headers.TryAddWithoutValidation(SessionHeader, $"{ahead}.3@ap-south");

        var response = await fixture.Client("us-east").SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
        var token = response.Headers.GetValues(SessionHeader).Single();
        var (wall, logical) = (long.Parse(token.Split('@')[0].Split('.')[0], CultureInfo.InvariantCulture), int.Parse(token.Split('@')[0].Split('.')[1], CultureInfo.InvariantCulture));
        (wall > ahead || (wall == ahead && logical > 3)).ShouldBeTrue($"{token} is versioned above {ahead}.3@ap-south");
    }
}
