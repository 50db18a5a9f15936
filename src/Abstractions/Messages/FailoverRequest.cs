namespace GeoStore.Abstractions.Messages;

/// <summary>
/// A failover of a SingleLeader keyspace: promote <paramref name="Target"/> (null: the most
/// up-to-date reachable follower). <paramref name="Fenced"/> false is the unsafe demonstration: the
/// new leader takes the old epoch's number, so nothing fences the old leader (split brain).
/// <paramref name="Force"/> promotes even when too few followers answered, or none holds everything
/// the others received, to be sure no acknowledged write is lost. <paramref name="ExpectedEpoch"/>,
/// when set, is the epoch number the caller wants replaced: if the keyspace moved on, nothing happens (409).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record FailoverRequest(
    [property: Id(0)] string? Target,
    [property: Id(1)] bool Fenced = true,
    [property: Id(2)] bool Force = false,
    [property: Id(3)] long? ExpectedEpoch = null);
