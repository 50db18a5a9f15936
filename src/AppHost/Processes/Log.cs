using Microsoft.Extensions.Logging;

namespace GeoStore.AppHost.Processes;

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Started {Resource} as process {Pid}")]
    public static partial void Started(this ILogger logger, string resource, int pid);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not start {Resource}")]
    public static partial void FailedToStart(this ILogger logger, Exception exception, string resource);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Resource} (pid {Pid}) did not stop within {Seconds} s; killing its process tree")]
    public static partial void StopTimedOut(this ILogger logger, string resource, int pid, double seconds);
}
