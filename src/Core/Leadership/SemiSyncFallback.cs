namespace GeoStore.Core.Leadership;

/// <summary>What a SemiSync write does when fewer than k followers received it before the timeout.</summary>
public enum SemiSyncFallback
{
    /// <summary>Fail the write: the client learns it may not survive a failover (it is still in the leader's log).</summary>
    Fail,

    /// <summary>Acknowledge it as an Async write, flagged as degraded so the answer and the logs say so.</summary>
    Async,
}
