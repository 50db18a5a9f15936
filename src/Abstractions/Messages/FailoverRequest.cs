namespace GeoStore.Abstractions.Messages;

/// <summary>
/// A failover of a SingleLeader keyspace: promote <paramref name="Target"/> (null: the most
/// up-to-date reachable follower). <paramref name="Fenced"/> false is the unsafe demonstration: the
/// new leader takes the old epoch's number, so nothing fences the old leader (split brain).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record FailoverRequest(
    [property: Id(0)] string? Target,
    [property: Id(1)] bool Fenced = true);
