using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using GeoStore.AppHost.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace GeoStore.AppHost.Tests;

/// <summary>
/// Runs the real AppHost (Azurite, every silo and every API its own process) and talks to it over
/// HTTP the way a person following its "try it" hint would.
/// </summary>
public sealed class AppHostSmokeTests(ITestOutputHelper log) : IDisposable
{
    private static readonly string[] Regions = ["us-east", "eu-west", "ap-south"];
    private static readonly TimeSpan ReplicationDeadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(60);

    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AppHost_starts_azurite_and_three_regions_and_a_write_in_one_is_read_in_another()
    {
        await using var appHost = AppHostProcess.Start(NewToken(), log);
        var manifest = await appHost.WaitUntilReadyAsync(Cancellation);

        manifest.AppHostPid.ShouldBe(appHost.Pid);
        var azurite = manifest.OfKind("storage").ShouldHaveSingleItem();
        azurite.Name.ShouldBe("azurite");
        azurite.Url("table").Port.ShouldNotBeInRange(10000, 10002);
        appHost.Output.ShouldContain(line => line.Contains("Storage: Azure Tables in Azurite", StringComparison.Ordinal));
        manifest.OfKind("silo").Select(r => r.Region).ShouldBe(Regions, ignoreOrder: true);
        manifest.OfKind("api").Select(r => r.Region).ShouldBe(Regions, ignoreOrder: true);
        manifest.Resources.ShouldAllBe(r => r.State == "Ready" && r.Pid != null);
        manifest["api-us-east"].Url().Port.ShouldBe(appHost.BasePort);
        manifest["api-ap-south"].Url().Port.ShouldBe(appHost.BasePort + 2);

        var key = $"smoke-{Guid.NewGuid():N}";
        var value = Encoding.UTF8.GetBytes($"written in us-east: {Guid.NewGuid()}");
        using (var put = await _http.PutAsync(KeyUrl(manifest, "us-east", key), new ByteArrayContent(value), Cancellation))
        {
            put.StatusCode.ShouldBe(HttpStatusCode.NoContent);
            put.Headers.ETag.ShouldNotBeNull();
        }

        await Poll.UntilAsync(
            async ct =>
            {
                using var get = await _http.GetAsync(KeyUrl(manifest, "eu-west", key), ct);
                return get.StatusCode == HttpStatusCode.OK && (await get.Content.ReadAsByteArrayAsync(ct)).SequenceEqual(value);
            },
            ReplicationDeadline,
            "eu-west serves the value written in us-east",
            Cancellation);

        var regions = await Poll.UntilAsync(
            async ct =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(manifest["api-us-east"].Url(), "/v1/admin/regions"));
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", appHost.AdminToken);
                using var response = await _http.SendAsync(request, ct);
                response.EnsureSuccessStatusCode();
                var view = await response.Content.ReadFromJsonAsync<RegionsView>(ct);
                return view is not null && view.Regions.All(r => r.State == "up") ? view : null;
            },
            ReplicationDeadline,
            "the admin API reports every region up",
            Cancellation);
        regions.Regions.Select(r => r.Region).ShouldBe(Regions, ignoreOrder: true);

        appHost.Terminate();
        (await appHost.WaitForExitAsync(StopDeadline, Cancellation)).ShouldBe(0);
        foreach (var resource in manifest.Resources)
        {
            await Poll.UntilAsync(() => !ProcessSignals.IsRunning(resource.Pid!.Value), StopDeadline, $"{resource.Name} (pid {resource.Pid}) has exited", Cancellation);
        }

        // The AppHost stopped them itself, gracefully, before it exited (and recorded it).
        var final = await appHost.ReadManifestAsync(Cancellation);
        final.ShouldNotBeNull().Resources.ShouldAllBe(r => r.State == "Exited" && r.ExitCode == 0);
        appHost.Output.ShouldContain(line => line.Contains("Every resource has stopped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AppHost_in_memory_mode_starts_no_azurite_and_reports_a_killed_api_while_the_other_regions_keep_serving()
    {
        await using var appHost = AppHostProcess.Start(NewToken(), log, AppHostOptions.InMemory);
        var manifest = await appHost.WaitUntilReadyAsync(Cancellation);
        manifest.OfKind("storage").ShouldBeEmpty();
        var victim = manifest["api-ap-south"];

        ProcessSignals.KillQuietly(victim.Pid!.Value);

        await Poll.UntilAsync(
            () => appHost.Output.Any(line => line.StartsWith("[apphost]", StringComparison.Ordinal)
                && line.Contains($"api-ap-south (pid {victim.Pid}) exited with code", StringComparison.Ordinal)),
            ReplicationDeadline,
            "the AppHost prints that api-ap-south exited",
            Cancellation);
        await Poll.UntilAsync(
            async ct => (await appHost.ReadManifestAsync(ct))?["api-ap-south"].State == "Exited",
            ReplicationDeadline,
            "the manifest shows api-ap-south as exited",
            Cancellation);
        appHost.Output.ShouldContain(line => line.Contains("api-ap-south", StringComparison.Ordinal) && line.Contains("Exited(137)", StringComparison.Ordinal));

        appHost.HasExited.ShouldBeFalse();
        foreach (var survivor in manifest.Resources.Where(r => r.Name != victim.Name))
        {
            ProcessSignals.IsRunning(survivor.Pid!.Value).ShouldBeTrue($"{survivor.Name} should keep running");
        }

        var key = $"survivor-{Guid.NewGuid():N}";
        var value = Encoding.UTF8.GetBytes("written in eu-west after ap-south's API died");
        using (var put = await _http.PutAsync(KeyUrl(manifest, "eu-west", key), new ByteArrayContent(value), Cancellation))
        {
            put.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        await Poll.UntilAsync(
            async ct =>
            {
                using var get = await _http.GetAsync(KeyUrl(manifest, "us-east", key), ct);
                return get.StatusCode == HttpStatusCode.OK && (await get.Content.ReadAsByteArrayAsync(ct)).SequenceEqual(value);
            },
            ReplicationDeadline,
            "us-east serves the value written in eu-west",
            Cancellation);

        appHost.Terminate();
        (await appHost.WaitForExitAsync(StopDeadline, Cancellation)).ShouldBe(0);
        foreach (var resource in manifest.Resources)
        {
            await Poll.UntilAsync(() => !ProcessSignals.IsRunning(resource.Pid!.Value), StopDeadline, $"{resource.Name} (pid {resource.Pid}) has exited", Cancellation);
        }
    }

    public void Dispose() => _http.Dispose();

    private static Uri KeyUrl(AppHostManifest manifest, string region, string key) =>
        new(manifest[$"api-{region}"].Url(), $"/v1/kv/default/{key}");

    private static string NewToken() => $"test-{Guid.NewGuid():N}";

    private sealed record RegionsView(string ServedBy, IReadOnlyList<RegionView> Regions);

    private sealed record RegionView(string Region, string State);
}
