using System.Net;
using System.Text;

namespace GeoStore.AppHost.Tests.Infrastructure;

/// <summary>The key-value API of each region's API process, found through the AppHost's manifest.</summary>
public sealed class KeyValueApi(AppHostManifest manifest, HttpClient http)
{
    public const string Keyspace = "default";

    /// <summary>Writes <paramref name="value"/> through <paramref name="region"/>'s API.</summary>
    /// <returns>The status code: 204 once the write is acknowledged.</returns>
    public async Task<HttpStatusCode> PutAsync(string region, string key, string value, CancellationToken cancellationToken)
    {
        using var put = await http.PutAsync(KeyUrl(region, key), new ByteArrayContent(Encoding.UTF8.GetBytes(value)), cancellationToken);
        return put.StatusCode;
    }

    /// <returns>The value <paramref name="region"/> serves, or null when it answers anything but 200.</returns>
    public async Task<string?> GetAsync(string region, string key, CancellationToken cancellationToken)
    {
        using var get = await http.GetAsync(KeyUrl(region, key), cancellationToken);
        return get.StatusCode == HttpStatusCode.OK ? Encoding.UTF8.GetString(await get.Content.ReadAsByteArrayAsync(cancellationToken)) : null;
    }

    /// <returns>The status code <paramref name="region"/> answers a read of <paramref name="key"/> with.</returns>
    public async Task<HttpStatusCode> GetStatusAsync(string region, string key, CancellationToken cancellationToken)
    {
        using var get = await http.GetAsync(KeyUrl(region, key), cancellationToken);
        return get.StatusCode;
    }

    private Uri KeyUrl(string region, string key) => new(manifest[$"api-{region}"].Url(), $"/v1/kv/{Keyspace}/{key}");
}
