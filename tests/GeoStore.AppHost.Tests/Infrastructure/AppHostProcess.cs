using System.Collections.Concurrent;
using System.Diagnostics;
using Xunit;

namespace GeoStore.AppHost.Tests.Infrastructure;

/// <summary>
/// The real AppHost, run as <c>dotnet GeoStore.AppHost.dll</c> on free ports with a manifest (and,
/// with Azure storage, Azurite's data in a folder of the run's own unless the test names one). Disposing
/// it kills whatever is left (the AppHost's process tree and every child pid the manifest named), so a
/// failing test never leaks processes.
/// </summary>
public sealed class AppHostProcess : IAsyncDisposable
{
    public static readonly TimeSpan ReadyDeadline = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly string _directory;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentDictionary<int, bool> _childPids = new();
    private readonly CancellationTokenSource _exited = new();
    private readonly ITestOutputHelper? _log;

    private AppHostProcess(int basePort, string adminToken, string directory, AppHostOptions options, ITestOutputHelper? log)
    {
        BasePort = basePort;
        AdminToken = adminToken;
        _directory = directory;
        _log = log;
        ManifestPath = Path.Combine(directory, "manifest.json");
        var startInfo = new ProcessStartInfo(AppHostBuild.DotNet)
        {
            WorkingDirectory = directory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (string[])[
            AppHostBuild.OutputPath,
            "--base-port", basePort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--admin-token", adminToken,
            "--manifest", ManifestPath,
            "--stop-timeout", "10",
            "--storage", options.Storage])
        {
            startInfo.ArgumentList.Add(argument);
        }

        if (options.Storage == "azure")
        {
            // Never the repository's own .azurite: a test's data is its own.
            startInfo.ArgumentList.Add("--data-dir");
            startInfo.ArgumentList.Add(options.DataDirectory ?? Path.Combine(directory, "azurite"));
            if (options.Fresh)
            {
                startInfo.ArgumentList.Add("--fresh");
            }
        }

        _process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => Record(e.Data);
        _process.ErrorDataReceived += (_, e) => Record(e.Data);
        _process.Exited += (_, _) => _exited.Cancel();
    }

    /// <summary>The first region's API port; the others follow.</summary>
    public int BasePort { get; }

    public string AdminToken { get; }

    public string ManifestPath { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Every line the AppHost printed so far, stdout and stderr.</summary>
    public IReadOnlyCollection<string> Output => _output;

    public static AppHostProcess Start(string adminToken, ITestOutputHelper? log, AppHostOptions? options = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "geostore-apphost-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var appHost = new AppHostProcess(FreePortRange.Find(3), adminToken, directory, options ?? new AppHostOptions(), log);
        appHost._process.Start();
        appHost._process.BeginOutputReadLine();
        appHost._process.BeginErrorReadLine();
        appHost._process.StandardInput.Close();
        return appHost;
    }

    /// <summary>The manifest as it stands, or null before the AppHost wrote one. Remembers every child pid it names.</summary>
    public async Task<AppHostManifest?> ReadManifestAsync(CancellationToken cancellationToken)
    {
        var manifest = await AppHostManifest.ReadAsync(ManifestPath, cancellationToken);
        foreach (var pid in manifest?.Resources.Select(r => r.Pid) ?? [])
        {
            if (pid is { } known)
            {
                _childPids.TryAdd(known, true);
            }
        }

        return manifest;
    }

    /// <summary>Polls the manifest until it says every resource is ready; fails at once if the AppHost exits.</summary>
    public async Task<AppHostManifest> WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _exited.Token);
        try
        {
            return await Poll.UntilAsync(
                async ct => await ReadManifestAsync(ct) is { Ready: true } manifest ? manifest : null,
                ReadyDeadline,
                "the AppHost's manifest says every resource is ready",
                linked.Token);
        }
        catch (OperationCanceledException) when (_exited.IsCancellationRequested)
        {
            throw new InvalidOperationException($"The AppHost exited with code {_process.ExitCode} before it was ready.");
        }
    }

    /// <summary>Asks the AppHost to stop, as Ctrl+C or a service manager would (SIGTERM).</summary>
    public void Terminate() => ProcessSignals.Terminate(_process.Id);

    /// <summary>Kills the AppHost process alone (SIGKILL), with no chance to stop its children: they must notice and stop themselves.</summary>
    public void KillOutright() => ProcessSignals.KillProcessOnly(_process.Id);

    public async Task<int> WaitForExitAsync(TimeSpan deadline, CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken).WaitAsync(deadline, cancellationToken);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await ReadManifestAsync(CancellationToken.None);
        }
        catch (IOException)
        {
        }

        if (!_process.HasExited)
        {
            ProcessSignals.KillQuietly(_process.Id);
            await _process.WaitForExitAsync();
        }

        foreach (var pid in _childPids.Keys)
        {
            ProcessSignals.KillQuietly(pid);
        }

        _process.Dispose();
        _exited.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);

        // Silo chatter is long; what the AppHost and the APIs say is enough to diagnose a failure.
        if (!line.StartsWith("[silo-", StringComparison.Ordinal))
        {
            try
            {
                _log?.WriteLine(line);
            }
            catch (InvalidOperationException)
            {
                // The test already finished.
            }
        }
    }
}
