namespace GeoStore.Core.Leadership;

/// <summary>When the leader of a SingleLeader keyspace acknowledges a write (the policy's <c>replication</c>).</summary>
public enum AckMode
{
    /// <summary>Once the write is durable in the leader's log; followers catch up later.</summary>
    Async,

    /// <summary>Once k followers have durably received the entry (not necessarily applied it).</summary>
    SemiSync,

    /// <summary>Once every follower has applied the entry.</summary>
    Sync,
}
