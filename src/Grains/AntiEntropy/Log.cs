using Microsoft.Extensions.Logging;

namespace GeoStore.Grains.AntiEntropy;

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Anti-entropy of {Keyspace} from {Region}: {Repaired} keys repaired, {Purged} tombstones purged, {Failed} of {Peers} peers failed, in {Milliseconds:0} ms")]
    public static partial void RoundFinished(this ILogger logger, string keyspace, string region, int repaired, int purged, int failed, int peers, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Anti-entropy of {Keyspace} from {Region} against {Peer} failed: {Reason}")]
    public static partial void PeerFailed(this ILogger logger, string keyspace, string region, string peer, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tombstone purge of {Keyspace} from {Region} stopped: {Reason}")]
    public static partial void PurgeStopped(this ILogger logger, string keyspace, string region, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduled anti-entropy of {Keyspace} in {Region} failed: {Reason}")]
    public static partial void ScheduledRoundFailed(this ILogger logger, string keyspace, string region, string reason);
}
