using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GeoStore.Testing;
using Shouldly;

namespace GeoStore.Api.Tests;

/// <summary>What the regions serve for one key, and the conflict log they keep.</summary>
public static class Replicas
{
    /// <summary>Waits until every region serves the same version of the key, and returns that version and its body.</summary>
    public static async Task<(EntityTagHeaderValue ETag, string Body)> ConvergedAsync(this GeoStoreApiFixture fixture, string keyspace, string key)
    {
        (EntityTagHeaderValue ETag, string Body) served = default;
        await Eventually.HoldsAsync(async () =>
        {
            var answers = new List<(EntityTagHeaderValue? ETag, string Body)>();
            foreach (var region in GeoStoreApiFixture.Regions)
            {
                var get = await fixture.Client(region).GetAsync($"/v1/kv/{keyspace}/{key}");
                if (get.StatusCode != HttpStatusCode.OK)
                {
                    return false;
                }

                answers.Add((get.Headers.ETag, await get.Content.ReadAsStringAsync()));
            }

            if (answers.Any(a => a.ETag is null || !a.Equals(answers[0])))
            {
                return false;
            }

            served = (answers[0].ETag!, answers[0].Body);
            return true;
        }, $"every region serves the same version of {keyspace}/{key}");
        return served;
    }

    /// <summary>Waits until <paramref name="region"/> serves <paramref name="etag"/> for the key.</summary>
    public static Task ServesAsync(this GeoStoreApiFixture fixture, string region, string keyspace, string key, EntityTagHeaderValue etag) =>
        Eventually.HoldsAsync(async () => etag.Equals((await fixture.Client(region).GetAsync($"/v1/kv/{keyspace}/{key}")).Headers.ETag),
            $"{region} serves {etag} for {keyspace}/{key}");

    /// <summary>The conflict records of <paramref name="keyspace"/>, as <paramref name="region"/>'s admin API lists them from every region.</summary>
    public static async Task<IReadOnlyList<JsonElement>> ConflictsAsync(this GeoStoreApiFixture fixture, string keyspace, string region = "us-east")
    {
        var view = await fixture.Admin(region).GetFromJsonAsync<JsonElement>($"/v1/admin/conflicts?keyspace={keyspace}");
        view.GetProperty("unavailableRegions").GetArrayLength().ShouldBe(0, view.ToString());
        return [.. view.GetProperty("conflicts").EnumerateArray()];
    }

    /// <summary>Waits until the conflict log lists a record of the key that <paramref name="matches"/>, and returns it.</summary>
    public static async Task<JsonElement> ConflictRecordAsync(this GeoStoreApiFixture fixture, string keyspace, string key, Func<JsonElement, bool> matches, string description)
    {
        JsonElement found = default;
        await Eventually.HoldsAsync(async () =>
        {
            var records = (await fixture.ConflictsAsync(keyspace)).Where(r => r.GetProperty("key").GetString() == key && matches(r)).ToList();
            found = records.FirstOrDefault();
            return records.Count > 0;
        }, $"the conflict log lists a record of {keyspace}/{key} where {description}");
        return found;
    }

    /// <summary>The versions a conflict record lists as losers.</summary>
    public static IEnumerable<string?> LoserVersions(this JsonElement record) =>
        record.GetProperty("losers").EnumerateArray().Select(l => l.GetProperty("version").GetString());
}
