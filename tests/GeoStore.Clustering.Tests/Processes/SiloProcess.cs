using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using GeoStore.Testing;

namespace GeoStore.Clustering.Tests.Processes;

/// <summary>
/// A real GeoStore silo process (<c>dotnet GeoStore.Silo.dll</c>) of one region on free ports,
/// clustering through the Azure Table membership table. It stops with the test process
/// (<c>GeoStore:ParentPid</c>), and disposing it kills its process tree if it still runs.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private SiloProcess(Process process, string region, int siloPort, int gatewayPort)
    {
        _process = process;
        Region = region;
        SiloPort = siloPort;
        GatewayPort = gatewayPort;
    }

    public string Region { get; }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the silo printed (warnings and errors only), for failure messages.</summary>
    public string Tail => string.Join(Environment.NewLine, _output.TakeLast(30));

    public static SiloProcess Start(SiloCluster cluster, string region)
    {
        var siloPort = FreePorts.Take();
        var gatewayPort = FreePorts.Take();
        var start = new ProcessStartInfo(SiloBuild.DotNet)
        {
            ArgumentList = { SiloBuild.OutputPath },
            WorkingDirectory = Path.GetDirectoryName(SiloBuild.OutputPath)!,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var environment = new Dictionary<string, string>
        {
            ["GeoStore__Region"] = region,
            ["GeoStore__Regions"] = string.Join(',', cluster.Regions),
            ["GeoStore__ParentPid"] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
            ["Orleans__ClusterId"] = cluster.ClusterId,
            ["Orleans__ServiceId"] = cluster.ServiceId,
            ["Orleans__Name"] = $"silo-{region}-{siloPort}",
            ["Orleans__Endpoints__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["Orleans__Endpoints__GatewayPort"] = gatewayPort.ToString(CultureInfo.InvariantCulture),
            ["Orleans__Clustering__ProviderType"] = "AzureTables",
            ["Orleans__Clustering__ConnectionString"] = cluster.ConnectionString,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var silo = new SiloProcess(process, region, siloPort, gatewayPort);
        process.OutputDataReceived += (_, e) => silo.Record(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Record(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>Kills the process as a crash would: no shutdown, no goodbye in the membership table.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }
        finally
        {
            _process.Dispose();
        }
    }

    public override string ToString() => $"{Region} silo (pid {Pid}, port {SiloPort})";

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 200)
        {
            _output.TryDequeue(out _);
        }
    }
}
