using System.Net;
using System.Text.Json;
using GeoStore.Testing;
using Shouldly;

namespace GeoStore.Api.Tests;

/// <summary>
/// Cuts and heals links of the shared deployment's simulated WAN, and waits until the silos act on
/// the change: each silo polls the WAN model, so a cut is not in force the moment the PUT answers.
/// A silo's view is probed by reading, through its region's API, a keyspace replicated only in the
/// region at the link's other end (<c>wan-probe-{region}</c>): the read crosses that link both ways.
/// </summary>
public static class WanPartitions
{
    /// <summary>
    /// Cuts <paramref name="from"/>→<paramref name="to"/> and waits until <paramref name="from"/>'s silo
    /// refuses the link, so nothing written in <paramref name="from"/> reaches <paramref name="to"/>
    /// directly from then on. The probe fails once that silo sees either direction cut, so the wait
    /// proves this cut only when the reverse link was up before (as <see cref="HealAsync"/> leaves it).
    /// </summary>
    public static async Task CutAsync(this GeoStoreApiFixture fixture, string from, string to)
    {
        await EnsureProbeKeyspaceAsync(fixture, to);
        await SetCutAsync(fixture, from, to, cut: true);
        var client = fixture.Client(from);
        await Eventually.HoldsAsync(async () => await LinkUpAsync(client, to) == false,
            $"{from} refuses to send to {to}");
    }

    /// <summary>
    /// Cuts both directions between <paramref name="a"/> and <paramref name="b"/>. When this returns,
    /// <paramref name="a"/>→<paramref name="b"/> is known to be in force; the reverse is on its way.
    /// </summary>
    public static async Task PartitionAsync(this GeoStoreApiFixture fixture, string a, string b)
    {
        await fixture.CutAsync(a, b);
        await fixture.CutAsync(b, a);

        // The probes prove one direction each; the other may still be on its way to a silo.
        await fixture.WanSettledAsync();
    }

    /// <summary>
    /// Heals both directions between <paramref name="a"/> and <paramref name="b"/> and waits until the
    /// silos at both ends use the link again, so a later cut is seen as a change.
    /// </summary>
    public static async Task HealAsync(this GeoStoreApiFixture fixture, string a, string b)
    {
        await SetCutAsync(fixture, a, b, cut: false);
        await SetCutAsync(fixture, b, a, cut: false);
        foreach (var (from, to) in new[] { (a, b), (b, a) })
        {
            await EnsureProbeKeyspaceAsync(fixture, to);
            var client = fixture.Client(from);
            await Eventually.HoldsAsync(async () => await LinkUpAsync(client, to) == true,
                $"{from} reaches {to} again");
        }
    }

    private static async Task SetCutAsync(GeoStoreApiFixture fixture, string from, string to, bool cut)
    {
        var body = JsonSerializer.Serialize(new { cut });
        var put = await fixture.Admin(from).PutAsync($"/v1/admin/wan/{from}/{to}", HttpBodies.Json(body));
        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
    }

    private static async Task EnsureProbeKeyspaceAsync(GeoStoreApiFixture fixture, string region)
    {
        var put = await fixture.Admin(region).PutAsync($"/v1/admin/keyspaces/{ProbeKeyspace(region)}", HttpBodies.Json($$"""{"mode":"MultiLeader","regions":["{{region}}"]}"""));
        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// True when a read through <paramref name="client"/> reaches <paramref name="region"/> (no such key),
    /// false when it is refused as region-unavailable, null when the answer says neither (the API or
    /// its silo does not know the probe keyspace yet).
    /// </summary>
    private static async Task<bool?> LinkUpAsync(HttpClient client, string region)
    {
        var response = await client.GetAsync($"/v1/kv/{ProbeKeyspace(region)}/probe");
        var type = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("type").GetString();
        return type switch
        {
            Problems.Base + "key-not-found" => true,
            Problems.Base + "region-unavailable" => false,
            _ => null,
        };
    }

    private static string ProbeKeyspace(string region) => $"wan-probe-{region}";
}
