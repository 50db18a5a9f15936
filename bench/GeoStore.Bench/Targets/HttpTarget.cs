using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace GeoStore.Bench.Targets;

/// <summary>
/// Running GeoStore APIs, one base address per region: <c>PUT|GET /v1/kv/{keyspace}/{key}</c>, and
/// with an admin token <c>PUT /v1/admin/wan/{from}/{to}</c> and <c>GET /v1/admin/regions</c>.
/// </summary>
public sealed class HttpTarget : IBenchTarget
{
    /// <summary>
    /// Silos poll the WAN model every 200 ms (ControlPlaneSync); the API cannot tell when every
    /// silo holds a new one, so a change is given several poll rounds before load resumes.
    /// </summary>
    public static readonly TimeSpan WanPropagation = TimeSpan.FromSeconds(1);

    private static readonly MediaTypeHeaderValue OctetStream = new("application/octet-stream");

    private readonly HttpClient _http;
    private readonly IReadOnlyList<Uri> _urls;
    private readonly string _keyspace;
    private readonly string? _adminToken;
    private readonly TimeProvider _time;

    private HttpTarget(HttpClient http, IReadOnlyList<Uri> urls, IReadOnlyList<string> regions, BenchSettings settings, TimeProvider time)
    {
        _http = http;
        _urls = urls;
        _keyspace = settings.Keyspace;
        _adminToken = settings.AdminToken;
        _time = time;
        Regions = regions;
        Description = $"HTTP APIs: {string.Join(", ", urls.Select((u, i) => $"{regions[i]}={u}"))}";
    }

    public string Description { get; }

    public IReadOnlyList<string> Regions { get; }

    public TimeSpan LagPollInterval { get; } = TimeSpan.FromMilliseconds(2);

    public bool CanControlWan => !string.IsNullOrEmpty(_adminToken);

    /// <summary>Connects to every API and learns its region from <c>/health</c>.</summary>
    public static async Task<HttpTarget> ConnectAsync(BenchSettings settings, TimeProvider time, CancellationToken cancellationToken)
    {
        var http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(16, settings.Concurrency * 2),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        })
        {
            Timeout = TimeSpan.FromSeconds(10),
        };
        try
        {
            var regions = new List<string>();
            foreach (var url in settings.Urls)
            {
                var health = await http.GetFromJsonAsync<HealthDocument>(new Uri(url, "/health"), cancellationToken)
                    ?? throw new InvalidOperationException($"{url}/health answered nothing.");
                regions.Add(health.Region);
            }

            if (regions.Distinct(StringComparer.Ordinal).Count() != regions.Count)
            {
                throw new InvalidOperationException($"--urls must name one API per region; they serve {string.Join(", ", regions)}.");
            }

            return new HttpTarget(http, settings.Urls, regions, settings, time);
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    public async Task PutAsync(int region, string key, byte[] value, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(value);
        content.Headers.ContentType = OctetStream;
        using var response = await _http.PutAsync(KeyUri(region, key), content, cancellationToken);
        EnsureSuccess(response, "PUT");
    }

    public async Task<byte[]?> GetAsync(int region, string key, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(KeyUri(region, key), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        EnsureSuccess(response, "GET");
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    public async Task SetWanLatencyAsync(int latencyMs, CancellationToken cancellationToken)
    {
        RequireAdminToken();
        foreach (var (from, to) in RegionPairs.Directed(Regions))
        {
            using var request = AdminRequest(HttpMethod.Put, $"/v1/admin/wan/{from}/{to}");
            request.Content = JsonContent.Create(new { latencyMs });
            using var response = await _http.SendAsync(request, cancellationToken);
            EnsureSuccess(response, "PUT wan");
        }

        await Task.Delay(WanPropagation, _time, cancellationToken);
    }

    public async Task WaitUntilReplicatedAsync(TimeSpan deadline, CancellationToken cancellationToken)
    {
        RequireAdminToken();
        var started = _time.GetTimestamp();
        while (true)
        {
            using var request = AdminRequest(HttpMethod.Get, "/v1/admin/regions");
            using var response = await _http.SendAsync(request, cancellationToken);
            EnsureSuccess(response, "GET regions");
            using var document = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken));
            var behind = document.RootElement.GetProperty("regions").EnumerateArray()
                .SelectMany(r => r.GetProperty("lag").EnumerateArray())
                .Sum(l => l.GetProperty("entriesBehind").GetInt64());
            if (behind == 0)
            {
                return;
            }

            if (_time.GetElapsedTime(started) > deadline)
            {
                throw new TimeoutException($"Replication still {behind} entries behind after {deadline.TotalSeconds:0} s.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), _time, cancellationToken);
        }
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    private Uri KeyUri(int region, string key) =>
        new(_urls[region], $"/v1/kv/{Uri.EscapeDataString(_keyspace)}/{Uri.EscapeDataString(key)}");

    private HttpRequestMessage AdminRequest(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(_urls[0], path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _adminToken);
        return request;
    }

    private void RequireAdminToken()
    {
        if (!CanControlWan)
        {
            throw new InvalidOperationException("The admin API needs --admin-token.");
        }
    }

    private static void EnsureSuccess(HttpResponseMessage response, string operation)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{operation} answered {(int)response.StatusCode}", null, response.StatusCode);
        }
    }

    private sealed record HealthDocument(string Status, string Region);
}
