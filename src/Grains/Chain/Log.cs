using Microsoft.Extensions.Logging;

namespace GeoStore.Grains.Chain;

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "{Region}: chain member {Member} of {Keyspace} failed under chain version {Version}: {Reason}")]
    public static partial void MemberFailed(this ILogger logger, string region, string keyspace, string member, long version, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Region}: keyspace {Keyspace} reconfigured its chain from {From} to {To} without {Failed}")]
    public static partial void Reconfigured(this ILogger logger, string region, string keyspace, string from, string to, string failed);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Region}: keyspace {Keyspace} moved on from chain version {From} to {To}")]
    public static partial void Refreshed(this ILogger logger, string region, string keyspace, long from, long to);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Region}: chain {Operation} on {Keyspace} gave up under chain {Chain}: {Reason}")]
    public static partial void GaveUp(this ILogger logger, string region, string keyspace, string operation, string chain, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Region}: replica of {Keyspace}/{Key} copied the key from {Predecessor} on joining chain version {Version}")]
    public static partial void Copied(this ILogger logger, string region, string keyspace, string key, string predecessor, long version);
}
