using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GeoStore.ServiceDefaults;

/// <summary>
/// Stops this process when the launcher that started it (configuration <c>GeoStore:ParentPid</c>)
/// is gone, so a launcher killed without a chance to clean up leaves no orphans behind.
/// </summary>
public sealed partial class ParentProcessWatch(
    IConfiguration configuration,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<ParentProcessWatch> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!int.TryParse(configuration["GeoStore:ParentPid"], out var pid))
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (!IsAlive(pid))
                {
                    LogParentGone(logger, pid);
                    lifetime.StopApplication();

                    // An orphan must not linger: if a graceful stop hangs (its storage or peers may
                    // have gone with the launcher), end the process anyway.
                    _ = Task.Run(async () =>
                    {
                        await Task.Delay(GracefulStopLimit, time);
                        LogForcedExit(logger, pid);
                        Environment.Exit(1);
                    }, CancellationToken.None);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public static readonly TimeSpan GracefulStopLimit = TimeSpan.FromSeconds(5);

    [LoggerMessage(Level = LogLevel.Error, Message = "Launcher process {Pid} is gone and the graceful stop did not finish in time; exiting")]
    private static partial void LogForcedExit(ILogger logger, int pid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Launcher process {Pid} is gone; stopping")]
    private static partial void LogParentGone(ILogger logger, int pid);
}
