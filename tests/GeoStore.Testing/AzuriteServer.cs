using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace GeoStore.Testing;

/// <summary>
/// A real Azurite table service (the Azure Storage emulator from npm, pinned in package.json) on a
/// free port with its data in a fresh temporary folder. Stopped, with its process tree, on dispose.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process _process;
    private readonly string _dataDirectory;

    private AzuriteServer(Process process, int port, string dataDirectory)
    {
        _process = process;
        Port = port;
        _dataDirectory = dataDirectory;
    }

    public int Port { get; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};TableEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;";

    public static async Task<AzuriteServer> StartAsync()
    {
        var executable = Path.Combine(RepositoryRoot(), "node_modules", ".bin", "azurite-table");
        if (!File.Exists(executable))
        {
            throw new InvalidOperationException($"Azurite is not installed ({executable} is missing): run `npm ci` in the repository root.");
        }

        var port = FreePorts.Take();
        var data = Path.Combine(Path.GetTempPath(), $"geostore-azurite-{Guid.NewGuid():N}");
        Directory.CreateDirectory(data);
        var start = new ProcessStartInfo(executable)
        {
            ArgumentList = { "--tableHost", "127.0.0.1", "--tablePort", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--location", data, "--disableTelemetry", "--skipApiVersionCheck", "--loose" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new AzuriteServer(process, port, data);
        try
        {
            await Eventually.HoldsAsync(async () =>
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"Azurite exited with code {process.ExitCode}.");
                }

                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return true;
            }, $"Azurite listens on port {port}", TimeSpan.FromSeconds(30));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
        }
        finally
        {
            _process.Dispose();
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GeoStore.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The GeoStore repository root (GeoStore.sln) was not found above the test binaries.");
    }
}
