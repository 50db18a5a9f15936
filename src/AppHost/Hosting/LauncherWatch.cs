using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GeoStore.AppHost.Hosting;

/// <summary>
/// Stops the AppHost when the <c>dotnet run</c> that launched it is gone. <c>dotnet run</c> forwards
/// SIGINT and SIGTERM, but when it is killed outright (an IDE's stop button) the AppHost would be left
/// running with every child. Only that launcher is watched: a shell that started the AppHost may
/// exit on purpose. Linux only (it reads /proc); elsewhere this does nothing.
/// </summary>
public sealed class LauncherWatch(IHostApplicationLifetime lifetime, TimeProvider time, ILogger<LauncherWatch> logger) : BackgroundService
{
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!OperatingSystem.IsLinux() || ParentPid() is not { } launcher || !IsDotNetRun(launcher))
        {
            return;
        }

        using var timer = new PeriodicTimer(CheckInterval, time);
        try
        {
            // Once the launcher dies this process is re-parented, so its parent pid changes.
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (ParentPid() != launcher)
                {
                    logger.LauncherGone(launcher);
                    lifetime.StopApplication();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static int? ParentPid()
    {
        try
        {
            // /proc/self/stat is "pid (comm) state ppid …"; comm may hold spaces and parentheses.
            var stat = File.ReadAllText("/proc/self/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.TryParse(fields[1], out var ppid) ? ppid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static bool IsDotNetRun(int pid)
    {
        try
        {
            var arguments = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
            return arguments.Length > 1
                && Path.GetFileName(arguments[0]) is "dotnet" or "dotnet.exe"
                && arguments[1] == "run";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
