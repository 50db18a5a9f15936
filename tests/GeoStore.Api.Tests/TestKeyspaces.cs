using System.Net;
using System.Text.Json;
using GeoStore.Testing;
using Shouldly;

namespace GeoStore.Api.Tests;

/// <summary>Keyspaces of their own for tests that share one deployment.</summary>
public static class TestKeyspaces
{
    public const string AllRegions = """["us-east","eu-west","ap-south"]""";

    /// <summary>
    /// Creates a keyspace with a fresh name and <paramref name="policyJson"/>, and waits until the API
    /// and the silos of every region know it (a read answers key-not-found, not keyspace-not-found).
    /// </summary>
    public static async Task<string> CreateKeyspaceAsync(this GeoStoreApiFixture fixture, string prefix, string policyJson)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}";
        var put = await fixture.Admin("us-east").PutAsync($"/v1/admin/keyspaces/{name}", HttpBodies.Json(policyJson));
        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());

        foreach (var region in GeoStoreApiFixture.Regions)
        {
            var client = fixture.Client(region);
            await Eventually.HoldsAsync(async () => await ProblemType(await client.GetAsync($"/v1/kv/{name}/probe")) == Problems.Base + "key-not-found",
                $"{region} knows keyspace {name}");
        }

        return name;
    }

    /// <summary>
    /// PUTs <paramref name="policyJson"/> to a fresh keyspace name and checks it is refused with a
    /// problem naming <paramref name="field"/>, and that nothing was created.
    /// </summary>
    public static async Task ShouldRefusePolicyAsync(this GeoStoreApiFixture fixture, string name, string policyJson, string field)
    {
        var response = await fixture.Admin("us-east").PutAsync($"/v1/admin/keyspaces/{name}", HttpBodies.Json(policyJson));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-argument");
        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(problem.ToString());
        await (await fixture.Admin("us-east").GetAsync($"/v1/admin/keyspaces/{name}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "keyspace-not-found");
    }

    private static async Task<string?> ProblemType(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.NotFound
            ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("type").GetString()
            : null;
}
