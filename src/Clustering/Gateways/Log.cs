using Microsoft.Extensions.Logging;

namespace GeoStore.Clustering.Gateways;

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Found {Count} active gateways of cluster {ClusterId}")]
    public static partial void FoundGateways(this ILogger logger, int count, string clusterId);

    [LoggerMessage(Level = LogLevel.Information, Message = "The membership table {Table} does not exist yet: cluster {ClusterId} has no gateways")]
    public static partial void NoTableYet(this ILogger logger, string table, string clusterId);
}
