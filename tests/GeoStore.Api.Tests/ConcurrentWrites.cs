using System.Net;
using GeoStore.Core.Clocks;
using GeoStore.Testing;
using Shouldly;

namespace GeoStore.Api.Tests;

/// <summary>Writes that cannot see each other: one on each side of a cut between us-east and eu-west.</summary>
public static class ConcurrentWrites
{
    /// <summary>
    /// Cuts us-east from eu-west both ways, writes the key in us-east and then in eu-west, and heals.
    /// Neither write saw the other, and the eu-west write has the later hybrid timestamp: it is made
    /// once the wall clock has passed the us-east write's, so "first" and "last" mean the same to
    /// every resolver. A null body deletes the key instead.
    /// </summary>
    public static async Task<(HttpResponseMessage UsEast, HttpResponseMessage EuWest)> WriteOnBothSidesOfACutAsync(
        this GeoStoreApiFixture fixture, string keyspace, string key, HttpContent? inUsEast, HttpContent? inEuWest)
    {
        try
        {
            await fixture.PartitionAsync("us-east", "eu-west");

            var east = await WriteAsync(fixture.Client("us-east"), $"/v1/kv/{keyspace}/{key}", inUsEast);
            east.StatusCode.ShouldBe(HttpStatusCode.NoContent, await east.Content.ReadAsStringAsync());
            HybridTimestamp.TryParse(east.Headers.GetValues("GeoStore-Timestamp").Single(), out var written).ShouldBeTrue();
            await Eventually.HoldsAsync(() => TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds() > written.WallMs,
                "the wall clock is past the us-east write");

            var west = await WriteAsync(fixture.Client("eu-west"), $"/v1/kv/{keyspace}/{key}", inEuWest);
            west.StatusCode.ShouldBe(HttpStatusCode.NoContent, await west.Content.ReadAsStringAsync());
            return (east, west);
        }
        finally
        {
            await fixture.HealAsync("us-east", "eu-west");
        }
    }

    private static Task<HttpResponseMessage> WriteAsync(HttpClient client, string path, HttpContent? body) =>
        body is null ? client.DeleteAsync(path) : client.PutAsync(path, body);

    /// <summary>The version a write answered, as the conflict log names versions: its session token.</summary>
    public static string Version(this HttpResponseMessage write) => write.Headers.GetValues("GeoStore-Session").Single();
}
