using Microsoft.Extensions.Logging;

namespace GeoStore.AppHost.Hosting;

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "{Message}")]
    public static partial void Announce(this ILogger logger, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "All {Count} resources are ready ({Seconds:0.0} s)")]
    public static partial void Ready(this ILogger logger, int count, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Not ready after {Seconds} s: {Resources}; still waiting")]
    public static partial void NotReadyInTime(this ILogger logger, double seconds, string[] resources);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Never became ready: {Resources}; the others keep running")]
    public static partial void SomeNeverReady(this ILogger logger, string[] resources);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Resource} is not started: {Dependency}, which it waits for, ended first")]
    public static partial void DependencyFailed(this ILogger logger, string resource, string dependency);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Resource} (pid {Pid}) exited with code {ExitCode}; the other resources keep running")]
    public static partial void ResourceExited(this ILogger logger, string resource, int pid, int exitCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping every resource")]
    public static partial void Stopping(this ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Every resource has stopped")]
    public static partial void Stopped(this ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Project} is not built: {Path} is missing. Run `dotnet build` first.")]
    public static partial void ProjectNotBuilt(this ILogger logger, string project, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Port {Port} is in use, needed by {Resource} ({Endpoint}); choose other ports (--base-port, --silo-base-port)")]
    public static partial void PortInUse(this ILogger logger, int port, string resource, string endpoint);

    [LoggerMessage(Level = LogLevel.Error, Message = "Port {Port} is given to more than one endpoint: {Endpoints}")]
    public static partial void PortTwice(this ILogger logger, int port, string endpoints);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The dotnet run that launched the AppHost (pid {Pid}) is gone; stopping")]
    public static partial void LauncherGone(this ILogger logger, int pid);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Resource} cannot start: {Reason}")]
    public static partial void CannotStart(this ILogger logger, string resource, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Preparing {Resource} to start failed")]
    public static partial void BeforeStartFailed(this ILogger logger, Exception exception, string resource);

    [LoggerMessage(Level = LogLevel.Error, Message = "No resource could be started; stopping")]
    public static partial void NothingRunning(this ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping {Resource} on request")]
    public static partial void StoppingOnRequest(this ILogger logger, string resource);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Starting {Resource} again on request")]
    public static partial void RestartingOnRequest(this ILogger logger, string resource);

    [LoggerMessage(Level = LogLevel.Information, Message = "Resource view and control: {Url}")]
    public static partial void ControlListening(this ILogger logger, string url);
}
