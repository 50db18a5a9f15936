using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GeoStore.AppHost.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace GeoStore.AppHost.Tests;

/// <summary>
/// The AppHost's resource view and control, on real processes: every resource with its state,
/// endpoints, restarts and log lines; "kill region" and "restart region" through a region's API, as
/// the geo dashboard does it.
/// </summary>
public sealed class AppHostControlTests(ITestOutputHelper log) : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(60) };

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_resource_view_lists_every_process_and_a_region_killed_and_restarted_through_the_api_serves_again()
    {
        var token = $"test-{Guid.NewGuid():N}";
        await using var appHost = AppHostProcess.Start(token, log, AppHostOptions.InMemory);
        var manifest = await appHost.WaitUntilReadyAsync(Cancellation);
        var control = new Uri(manifest.ControlUrl.ShouldNotBeNull("the manifest names the resource view"));

        // The view: every resource Ready, with its endpoints and what it printed.
        var resources = await _http.GetFromJsonAsync<JsonElement>(new Uri(control, "/api/resources?lines=20"), Cancellation);
        resources.EnumerateArray().Select(r => r.GetProperty("name").GetString()).ShouldBe(manifest.Resources.Select(r => r.Name), ignoreOrder: true);
        resources.EnumerateArray().ShouldAllBe(r => r.GetProperty("state").GetString() == "Ready");
        resources.EnumerateArray().Single(r => r.GetProperty("name").GetString() == "silo-ap-south-0").GetProperty("log").GetArrayLength().ShouldBeGreaterThan(0);
        (await _http.GetStringAsync(control, Cancellation)).ShouldContain("GeoStore AppHost: resources");

        // Control needs the admin token.
        using (var anonymous = await _http.PostAsync(new Uri(control, "/api/resources/api-ap-south/stop"), null, Cancellation))
        {
            anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        var usEast = manifest["api-us-east"].Url();
        var victims = manifest.Resources.Where(r => r.Region == "ap-south").ToList();
        using (var kill = await Admin(HttpMethod.Post, new Uri(usEast, "/v1/admin/regions/ap-south/stop"), token))
        {
            kill.StatusCode.ShouldBe(HttpStatusCode.OK, await kill.Content.ReadAsStringAsync(Cancellation));
        }

        foreach (var victim in victims)
        {
            await Poll.UntilAsync(() => !ProcessSignals.IsRunning(victim.Pid!.Value), Deadline, $"{victim.Name} (pid {victim.Pid}) has exited", Cancellation);
        }

        var processes = await ReadJsonAsync(new Uri(usEast, "/v1/admin/processes"), token);
        processes.EnumerateArray().Where(r => r.GetProperty("region").GetString() == "ap-south").ShouldAllBe(r => r.GetProperty("state").GetString() == "Exited");
        ProcessSignals.IsRunning(manifest["silo-eu-west-0"].Pid!.Value).ShouldBeTrue("the other regions keep running");

        using (var restart = await Admin(HttpMethod.Post, new Uri(usEast, "/v1/admin/regions/ap-south/start"), token))
        {
            restart.StatusCode.ShouldBe(HttpStatusCode.OK, await restart.Content.ReadAsStringAsync(Cancellation));
        }

        await Poll.UntilAsync(
            async ct => (await appHost.ReadManifestAsync(ct)) is { } now && now.Resources.Where(r => r.Region == "ap-south").All(r => r.State == "Ready" && r.Restarts == 1),
            AppHostProcess.ReadyDeadline,
            "ap-south's silo and API are Ready again, restarted once",
            Cancellation);

        // The restarted region takes part again: a write in eu-west reaches it.
        var key = $"after-restart-{Guid.NewGuid():N}";
        var apSouth = (await appHost.ReadManifestAsync(Cancellation))!["api-ap-south"].Url();
        using (var put = await _http.PutAsync(new Uri(manifest["api-eu-west"].Url(), $"/v1/kv/default/{key}"), new ByteArrayContent(Encoding.UTF8.GetBytes("back")), Cancellation))
        {
            put.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        await Poll.UntilAsync(
            async ct =>
            {
                using var get = await _http.GetAsync(new Uri(apSouth, $"/v1/kv/default/{key}"), ct);
                return get.StatusCode == HttpStatusCode.OK && await get.Content.ReadAsStringAsync(ct) == "back";
            },
            Deadline,
            "the restarted ap-south serves a key written in eu-west",
            Cancellation);
        appHost.Output.ShouldContain(line => line.Contains("api-ap-south", StringComparison.Ordinal) && line.Contains("Stopping", StringComparison.Ordinal));

        appHost.Terminate();
        (await appHost.WaitForExitAsync(TimeSpan.FromSeconds(60), Cancellation)).ShouldBe(0);
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> Admin(HttpMethod method, Uri url, string token)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _http.SendAsync(request, Cancellation);
    }

    private async Task<JsonElement> ReadJsonAsync(Uri url, string token)
    {
        using var response = await Admin(HttpMethod.Get, url, token);
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
