using System.Net;
using GeoStore.AppHost.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace GeoStore.AppHost.Tests;

/// <summary>
/// With Azure storage the AppHost's geo-cluster keeps its data in Azurite's data folder: it outlives
/// the AppHost, even one killed outright, and <c>--fresh</c> starts over. Real processes throughout.
/// </summary>
public sealed class AppHostDurabilityTests(ITestOutputHelper log) : IDisposable
{
    private static readonly string[] Regions = ["us-east", "eu-west", "ap-south"];
    private static readonly TimeSpan ReplicationDeadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(60);

    // Children watch the AppHost's pid every second, then shut down gracefully (Azurite saves its data).
    private static readonly TimeSpan OrphanDeadline = TimeSpan.FromSeconds(20);

    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "geostore-apphost-tests", $"azurite-{Guid.NewGuid():N}");

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Keys_written_before_the_AppHost_is_killed_outright_read_back_in_every_region_after_a_restart()
    {
        var storage = new AppHostOptions { DataDirectory = _dataDirectory };
        var entries = Enumerable.Range(0, 8).Select(i => (Key: $"durable-{Guid.NewGuid():N}-{i}", Value: $"value {i} written in us-east")).ToList();

        await using (var first = AppHostProcess.Start(NewToken(), log, storage))
        {
            var manifest = await first.WaitUntilReadyAsync(Cancellation);
            var api = new KeyValueApi(manifest, _http);
            foreach (var (key, value) in entries)
            {
                (await api.PutAsync("us-east", key, value, Cancellation)).ShouldBe(HttpStatusCode.NoContent);
            }

            foreach (var (key, value) in entries)
            {
                await Poll.UntilAsync(async ct => await api.GetAsync("eu-west", key, ct) == value, ReplicationDeadline, $"eu-west serves {key}", Cancellation);
            }

            first.KillOutright();
            foreach (var resource in manifest.Resources)
            {
                await Poll.UntilAsync(
                    () => !ProcessSignals.IsRunning(resource.Pid!.Value),
                    OrphanDeadline,
                    $"{resource.Name} (pid {resource.Pid}) stops by itself once the AppHost is killed",
                    Cancellation);
            }
        }

        await using var second = AppHostProcess.Start(NewToken(), log, storage);
        var restarted = await second.WaitUntilReadyAsync(Cancellation);
        var again = new KeyValueApi(restarted, _http);
        foreach (var (key, value) in entries)
        {
            // us-east acknowledged these and eu-west served them: both must have them at once.
            (await again.GetAsync("us-east", key, Cancellation)).ShouldBe(value, $"us-east keeps {key}");
            (await again.GetAsync("eu-west", key, Cancellation)).ShouldBe(value, $"eu-west keeps {key}");

            // ap-south may not have received them before the kill; us-east's durable log ships them after the restart.
            await Poll.UntilAsync(async ct => await again.GetAsync("ap-south", key, ct) == value, ReplicationDeadline, $"ap-south serves {key}", Cancellation);
        }

        await StopAndCheckEveryProcessExitedAsync(second, restarted);
    }

    [Fact]
    public async Task Fresh_start_wipes_the_data_so_a_key_written_before_is_gone_in_every_region()
    {
        var key = $"wiped-{Guid.NewGuid():N}";
        await using (var first = AppHostProcess.Start(NewToken(), log, new AppHostOptions { DataDirectory = _dataDirectory }))
        {
            var manifest = await first.WaitUntilReadyAsync(Cancellation);
            var api = new KeyValueApi(manifest, _http);
            (await api.PutAsync("us-east", key, "from before the fresh start", Cancellation)).ShouldBe(HttpStatusCode.NoContent);
            await Poll.UntilAsync(async ct => await api.GetAsync("ap-south", key, ct) is not null, ReplicationDeadline, $"ap-south serves {key}", Cancellation);
            await StopAndCheckEveryProcessExitedAsync(first, manifest);
        }

        await using var second = AppHostProcess.Start(NewToken(), log, new AppHostOptions { DataDirectory = _dataDirectory, Fresh = true });
        var fresh = await second.WaitUntilReadyAsync(Cancellation);
        second.Output.ShouldContain(line => line.Contains("--fresh: deleting Azurite's data", StringComparison.Ordinal));
        var again = new KeyValueApi(fresh, _http);
        foreach (var region in Regions)
        {
            (await again.GetStatusAsync(region, key, Cancellation)).ShouldBe(HttpStatusCode.NotFound, $"{region} starts empty");
        }

        await StopAndCheckEveryProcessExitedAsync(second, fresh);
    }

    public void Dispose()
    {
        _http.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Already gone (DirectoryNotFoundException is an IOException), or a leftover that only wastes space.
        }
    }

    private static async Task StopAndCheckEveryProcessExitedAsync(AppHostProcess appHost, AppHostManifest manifest)
    {
        appHost.Terminate();
        (await appHost.WaitForExitAsync(StopDeadline, Cancellation)).ShouldBe(0);
        foreach (var resource in manifest.Resources)
        {
            await Poll.UntilAsync(() => !ProcessSignals.IsRunning(resource.Pid!.Value), StopDeadline, $"{resource.Name} (pid {resource.Pid}) has exited", Cancellation);
        }
    }

    private static string NewToken() => $"test-{Guid.NewGuid():N}";
}
