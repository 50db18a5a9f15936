using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GeoStore.Core.Versioning;
using Shouldly;

namespace GeoStore.Api.Tests;

/// <summary><c>GET /v1/admin/conflicts</c>: what resolutions discarded, gathered from every region.</summary>
[Collection(ApiCollection.Name)]
public sealed class ConflictsApiTests(GeoStoreApiFixture fixture)
{
    private const string LwwPolicy = $$"""{"mode":"MultiLeader","regions":{{TestKeyspaces.AllRegions}},"resolver":"Lww"}""";

    private static string NewKey() => $"k-{Guid.NewGuid():N}";

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-token")]
    public async Task The_conflicts_endpoint_answers_401_without_the_admin_token(string? authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/admin/conflicts");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        var response = await fixture.Client("eu-west").SendAsync(request);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task The_conflicts_endpoint_answers_with_the_admin_token_naming_the_serving_region()
    {
        var view = await fixture.Admin("ap-south").GetFromJsonAsync<JsonElement>("/v1/admin/conflicts");

        view.GetProperty("servedBy").GetString().ShouldBe("ap-south");
        view.GetProperty("conflicts").ValueKind.ShouldBe(JsonValueKind.Array);
        view.GetProperty("unavailableRegions").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_conflicts_query()
    {
        var document = await fixture.Client("us-east").GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var get = document.GetProperty("paths").GetProperty("/v1/admin/conflicts").GetProperty("get");
        get.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ShouldBe(["keyspace", "since", "limit"], ignoreOrder: true);
    }

    [Theory]
    [InlineData("Upper")]
    [InlineData("bad%20space")]
    [InlineData("-leading-dash")]
    public async Task An_invalid_keyspace_filter_answers_400_invalid_keyspace(string keyspace)
    {
        var response = await fixture.Admin("us-east").GetAsync($"/v1/admin/conflicts?keyspace={keyspace}");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-keyspace");
    }

    [Theory]
    [InlineData("since=yesterday")]
    [InlineData("since=-5")]
    [InlineData("limit=0")]
    [InlineData("limit=5001")]
    [InlineData("limit=-1")]
    [InlineData("limit=many")]
    public async Task An_invalid_since_or_limit_answers_400_invalid_argument(string query)
    {
        var response = await fixture.Admin("us-east").GetAsync($"/v1/admin/conflicts?{query}");

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-argument");
    }

    [Fact]
    public async Task Concurrent_writes_on_both_sides_of_a_cut_converge_on_the_last_and_the_log_lists_the_first_as_discarded()
    {
        var keyspace = await fixture.CreateKeyspaceAsync("lww", LwwPolicy);
        var key = NewKey();
        var (east, west) = await fixture.WriteOnBothSidesOfACutAsync(keyspace, key, HttpBodies.Value("written in us-east"), HttpBodies.Value("written in eu-west"));

        var (etag, body) = await fixture.ConvergedAsync(keyspace, key);

        etag.ShouldBe(west.Headers.ETag, "Lww keeps the write with the higher version, the later one");
        body.ShouldBe("written in eu-west");
        var record = await fixture.ConflictRecordAsync(keyspace, key, r => r.LoserVersions().Contains(east.Version()), $"{east.Version()} lost");
        record.GetProperty("keyspace").GetString().ShouldBe(keyspace);
        record.GetProperty("resolver").GetString().ShouldBe("lww");
        record.GetProperty("kind").GetString().ShouldBe("Discarded");
        record.GetProperty("winner").GetString().ShouldBe(etag.Tag.Trim('"'));
        record.GetProperty("regions").EnumerateArray().Select(r => r.GetString()).ShouldBe(["eu-west", "us-east"], ignoreOrder: true);
        var loser = record.GetProperty("losers").EnumerateArray().ShouldHaveSingleItem();
        loser.GetProperty("deleted").GetBoolean().ShouldBeFalse();
        loser.GetProperty("contentType").GetString().ShouldBe("text/plain");
        loser.GetProperty("text").GetString().ShouldBe("written in us-east");
        GeoStoreApiFixture.Regions.ShouldContain(record.GetProperty("region").GetString());

        // Every region that resolved the conflict kept the same survivor and lost the same version.
        (await fixture.ConflictsAsync(keyspace)).ShouldAllBe(r =>
            r.GetProperty("winner").GetString() == west.Version() && r.LoserVersions().SequenceEqual(new[] { east.Version() }));
    }

    [Fact]
    public async Task A_delete_that_loses_to_a_later_concurrent_write_is_listed_as_a_deleted_loser()
    {
        var keyspace = await fixture.CreateKeyspaceAsync("lww", LwwPolicy);
        var key = NewKey();
        var (delete, put) = await fixture.WriteOnBothSidesOfACutAsync(keyspace, key, null, HttpBodies.Value("written after the delete"));

        var (etag, body) = await fixture.ConvergedAsync(keyspace, key);

        etag.ShouldBe(put.Headers.ETag);
        body.ShouldBe("written after the delete");
        var record = await fixture.ConflictRecordAsync(keyspace, key, r => r.LoserVersions().Contains(delete.Version()), "the delete lost");
        var loser = record.GetProperty("losers").EnumerateArray().ShouldHaveSingleItem();
        loser.GetProperty("deleted").GetBoolean().ShouldBeTrue();
        loser.TryGetProperty("text", out _).ShouldBeFalse(loser.ToString());
        loser.TryGetProperty("base64", out _).ShouldBeFalse(loser.ToString());
    }

    [Fact]
    public async Task The_conflict_listing_keeps_to_its_keyspace_since_and_limit()
    {
        var keyspace = await fixture.CreateKeyspaceAsync("lww", LwwPolicy);
        var quiet = await fixture.CreateKeyspaceAsync("lww", LwwPolicy);
        var key = NewKey();
        var (east, _) = await fixture.WriteOnBothSidesOfACutAsync(keyspace, key, HttpBodies.Value("a"), HttpBodies.Value("b"));
        var record = await fixture.ConflictRecordAsync(keyspace, key, r => r.LoserVersions().Contains(east.Version()), "the us-east write lost");
        var at = record.GetProperty("at").GetDateTimeOffset();
        var admin = fixture.Admin("eu-west");

        async Task<IReadOnlyList<JsonElement>> List(string query) =>
            [.. (await admin.GetFromJsonAsync<JsonElement>($"/v1/admin/conflicts?{query}")).GetProperty("conflicts").EnumerateArray()];

        (await List($"keyspace={quiet}")).ShouldBeEmpty();
        (await List($"keyspace={keyspace}&since={at.ToUnixTimeMilliseconds()}")).ShouldContain(r => r.GetProperty("key").GetString() == key);
        (await List($"keyspace={keyspace}&since={Uri.EscapeDataString(at.ToString("O"))}")).ShouldContain(r => r.GetProperty("key").GetString() == key);
        (await List($"keyspace={keyspace}&since={Uri.EscapeDataString(at.AddHours(1).ToString("O"))}")).ShouldBeEmpty();
        (await List($"keyspace={keyspace}&limit=1")).ShouldHaveSingleItem();
        (await List("limit=1")).ShouldHaveSingleItem();
        (await List($"keyspace={keyspace}")).ShouldAllBe(r => r.GetProperty("keyspace").GetString() == keyspace);
    }

    [Fact]
    public async Task A_causal_overwrite_in_another_region_is_not_a_conflict()
    {
        var keyspace = await fixture.CreateKeyspaceAsync("lww", LwwPolicy);
        var key = NewKey();
        var first = await fixture.Client("us-east").PutAsync($"/v1/kv/{keyspace}/{key}", HttpBodies.Value("first"));
        first.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await fixture.ServesAsync("eu-west", keyspace, key, first.Headers.ETag!);

        var overwrite = await fixture.Client("eu-west").PutAsync($"/v1/kv/{keyspace}/{key}", HttpBodies.Value("overwrite"));
        overwrite.StatusCode.ShouldBe(HttpStatusCode.NoContent);

        // A region records a conflict while it applies the write, before it serves the result.
        foreach (var region in GeoStoreApiFixture.Regions)
        {
            await fixture.ServesAsync(region, keyspace, key, overwrite.Headers.ETag!);
        }

        WriteVersion.TryParse(overwrite.Version(), out var later).ShouldBeTrue();
        WriteVersion.TryParse(first.Version(), out var earlier).ShouldBeTrue();
        later!.CompareTo(earlier).ShouldBePositive("a causal successor has the higher version");
        (await fixture.ConflictsAsync(keyspace)).Where(r => r.GetProperty("key").GetString() == key).ShouldBeEmpty();
    }
}
