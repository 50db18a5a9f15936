using Microsoft.Extensions.Logging;

namespace GeoStore.AppHost.Storage;

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Azurite is not installed ({Script} is missing); installing it from package-lock.json")]
    public static partial void AzuriteMissing(this ILogger logger, string script);

    [LoggerMessage(Level = LogLevel.Information, Message = "Running `{Command}` in {Directory}")]
    public static partial void Installing(this ILogger logger, string command, string directory);

    [LoggerMessage(Level = LogLevel.Information, Message = "`{Command}` finished in {Seconds:0.0} s")]
    public static partial void Installed(this ILogger logger, string command, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "--fresh: deleting Azurite's data in {Directory}")]
    public static partial void WipingData(this ILogger logger, string directory);

    [LoggerMessage(Level = LogLevel.Information, Message = "Azurite keeps its data in {Directory}")]
    public static partial void DataDirectory(this ILogger logger, string directory);
}
