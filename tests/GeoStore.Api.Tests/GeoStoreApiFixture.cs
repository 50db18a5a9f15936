using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using GeoStore.Silo;
using GeoStore.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GeoStore.Api.Tests;

/// <summary>
/// Three regions for real: one silo host per region on free TCP ports (development clustering),
/// and one API per region (WebApplicationFactory) connected only to its region's gateway.
/// </summary>
public sealed class GeoStoreApiFixture : IAsyncLifetime
{
    public const string AdminToken = "test-admin-token";
    public const int MaxValueBytes = 4096;
    public static readonly string[] Regions = ["us-east", "eu-west", "ap-south"];

    private readonly List<IHost> _silos = [];
    private readonly Dictionary<string, WebApplicationFactory<Program>> _apis = [];
    private readonly string _clusterId = $"api-tests-{Guid.NewGuid():N}";

    public HttpClient Client(string region) => _apis[region].CreateClient();

    /// <summary>Waits until every silo applies the WAN model's current revision (cuts are in force everywhere, both ways).</summary>
    public async Task WanSettledAsync()
    {
        var wan = await (await Admin(Regions[0]).GetAsync("/v1/admin/wan")).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var revision = wan.GetProperty("revision").GetInt64();
        await Eventually.HoldsAsync(
            () => _silos.All(s => s.Services.GetRequiredService<Grains.Wan.WanState>().Model.Revision >= revision),
            $"every silo applies WAN revision {revision}");
    }

    public HttpClient Admin(string region)
    {
        var client = Client(region);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        return client;
    }

    public async ValueTask InitializeAsync()
    {
        var ports = FreePorts.Take(Regions.Length * 2);
        var primary = $"127.0.0.1:{ports[0]}";
        for (var i = 0; i < Regions.Length; i++)
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Development" });
            builder.Configuration.AddInMemoryCollection(Common(Regions[i]).Concat(new Dictionary<string, string?>
            {
                ["Orleans:Endpoints:SiloPort"] = ports[i].ToString(CultureInfo.InvariantCulture),
                ["Orleans:Endpoints:GatewayPort"] = ports[Regions.Length + i].ToString(CultureInfo.InvariantCulture),
                ["Orleans:Clustering:PrimarySiloEndPoint"] = primary,
            }));
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            builder.AddGeoStoreSilo();
            builder.Services.AddSingleton<IIncomingGrainCallFilter, GrainCallCounter>();
            var silo = builder.Build();
            await silo.StartAsync();
            _silos.Add(silo);
        }

        for (var i = 0; i < Regions.Length; i++)
        {
            var region = Regions[i];
            var settings = Common(region).Concat(new Dictionary<string, string?>
            {
                ["Orleans:Clustering:Gateways:0"] = $"127.0.0.1:{ports[Regions.Length + i]}",
                ["GeoStore:AdminToken"] = AdminToken,
                ["GeoStore:Limits:MaxValueBytes"] = MaxValueBytes.ToString(CultureInfo.InvariantCulture),
            });
            _apis[region] = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
            {
                foreach (var (key, value) in settings)
                {
                    web.UseSetting(key, value);
                }

                web.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
            });
        }

        foreach (var region in Regions)
        {
            var client = Client(region);
            await Eventually.HoldsAsync(async () => (await client.GetAsync("/ready")).IsSuccessStatusCode, $"the {region} API is ready", TimeSpan.FromSeconds(60));
        }
    }

    private Dictionary<string, string?> Common(string region) => new()
    {
        ["GeoStore:Region"] = region,
        ["GeoStore:Regions"] = string.Join(',', Regions),
        ["Orleans:ClusterId"] = _clusterId,
        ["Orleans:ServiceId"] = _clusterId,
        ["Orleans:Clustering:ProviderType"] = "Development",
        ["GeoStore:OrleansDashboard"] = "true",
    };

    public async ValueTask DisposeAsync()
    {
        foreach (var api in _apis.Values)
        {
            await api.DisposeAsync();
        }

        foreach (var silo in Enumerable.Reverse(_silos))
        {
            await silo.StopAsync(TimeSpan.FromSeconds(10));
            silo.Dispose();
        }
    }
}
