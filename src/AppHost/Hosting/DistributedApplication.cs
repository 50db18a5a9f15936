using System.Runtime.InteropServices;
using GeoStore.AppHost.Output;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GeoStore.AppHost.Hosting;

/// <summary>
/// A set of resources run as one application until Ctrl+C or SIGTERM, like Aspire's
/// <c>DistributedApplication</c>: a generic host whose hosted services launch and supervise them.
/// </summary>
public sealed class DistributedApplication(IHost host) : IAsyncDisposable
{
    public IServiceProvider Services => host.Services;

    public static DistributedApplicationBuilder CreateBuilder(DistributedApplicationOptions options) =>
        new(options ?? throw new ArgumentNullException(nameof(options)), ConsoleOutput.Standard);

    /// <summary>Runs until the application is stopped.</summary>
    /// <returns>The process exit code: 0, or 1 when the resources could not be launched.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var orchestrator = host.Services.GetRequiredService<ApplicationOrchestrator>();
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();

        // A closed terminal (SIGHUP) stops every resource the way Ctrl+C does, instead of killing only the AppHost.
        using var hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true;
            lifetime.StopApplication();
        });
        await host.RunAsync(cancellationToken);
        return orchestrator.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        // Disposing the services disposes the ProcessSupervisor, which kills any child still running.
        if (host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            host.Dispose();
        }
    }
}
