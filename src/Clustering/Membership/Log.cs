using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace GeoStore.Clustering.Membership;

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Created the membership version row of cluster {ClusterId} in table {Table}")]
    public static partial void CreatedVersionRow(this ILogger logger, string clusterId, string table);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Silo {Silo} is now {Status} at membership version {Version}")]
    public static partial void ChangedMember(this ILogger logger, SiloAddress silo, SiloStatus status, int version);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Membership change of {Silo} to {Status} at version {Version} lost to a concurrent change ({HttpStatus})")]
    public static partial void LostRace(this ILogger logger, SiloAddress silo, SiloStatus status, int version, int httpStatus);

    [LoggerMessage(Level = LogLevel.Information, Message = "Membership of cluster {ClusterId} changed during a {Pages}-page read (attempt {Attempt}); reading again")]
    public static partial void TornRead(this ILogger logger, string clusterId, int pages, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Membership row {RowKey} of cluster {ClusterId} cannot be read; ignoring it")]
    public static partial void UnreadableRow(this ILogger logger, Exception exception, string rowKey, string clusterId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} defunct silo rows of cluster {ClusterId} last seen before {Before}")]
    public static partial void RemovedDefunctSilos(this ILogger logger, int count, string clusterId, DateTimeOffset before);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted cluster {ClusterId}'s {Count} membership rows from table {Table}")]
    public static partial void DeletedCluster(this ILogger logger, string clusterId, int count, string table);
}
