using System.Net;
using System.Text.Json;
using Shouldly;

namespace GeoStore.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class HostingTests(GeoStoreApiFixture fixture)
{
    [Fact]
    public async Task Health_and_readiness_answer_200_naming_the_region()
    {
        var client = fixture.Client("eu-west");

        var health = await client.GetAsync("/health");
        var ready = await client.GetAsync("/ready");

        health.StatusCode.ShouldBe(HttpStatusCode.OK);
        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("region").GetString().ShouldBe("eu-west");
    }

    [Fact]
    public async Task The_openapi_document_describes_the_key_value_and_admin_endpoints()
    {
        var response = await fixture.Client("us-east").GetAsync("/openapi/v1.json");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var paths = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("paths");
        paths.TryGetProperty("/v1/kv/{keyspace}/{key}", out var kv).ShouldBeTrue(paths.ToString());
        kv.TryGetProperty("put", out _).ShouldBeTrue();
        paths.TryGetProperty("/v1/admin/wan/{from}/{to}", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task An_interactive_api_reference_is_served()
    {
        var response = await fixture.Client("us-east").GetAsync("/scalar/v1");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("<html", Case.Insensitive);
    }
}
