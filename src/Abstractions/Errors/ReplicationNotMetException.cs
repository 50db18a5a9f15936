using GeoStore.Core.Leadership;

namespace GeoStore.Abstractions.Errors;

/// <summary>
/// A SemiSync or Sync write of a SingleLeader keyspace is durable in the leader's log but did not
/// reach the followers its mode waits for in time (<see cref="Reach"/> says which did). It is not
/// acknowledged: it may still reach every follower (it stays in the leader's log) or be lost by a
/// failover to a follower that lacks it.
/// </summary>
[GenerateSerializer]
public sealed class ReplicationNotMetException : Exception
{
    public ReplicationNotMetException(string keyspace, string key, WriteReach reach, string replication)
        : base($"Write of '{keyspace}/{key}' at log position {reach.Epoch}:{reach.Sequence} did not reach the followers it waits for: {reach.Problem}")
    {
        Keyspace = keyspace;
        Key = key;
        Reach = reach;
        Replication = replication;
    }

    [Id(0)]
    public string Keyspace { get; }

    [Id(1)]
    public string Key { get; }

    [Id(2)]
    public WriteReach Reach { get; }

    /// <summary>What the keyspace's writes wait for, as the policy names it: <c>SemiSync(1)</c>, <c>Sync</c>.</summary>
    [Id(3)]
    public string Replication { get; }
}
