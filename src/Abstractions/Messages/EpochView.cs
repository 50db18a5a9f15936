using GeoStore.Core.Leadership;

namespace GeoStore.Abstractions.Messages;

/// <summary>
/// The epoch a region holds for a SingleLeader keyspace; <paramref name="Unfenced"/> when it came from
/// an unsafe promotion; <paramref name="SilenceMs"/> how long a follower has not heard its leader (null at the leader);
/// <paramref name="AutoFailover"/> the last decision of its automatic-failover watch (null when it has not decided).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record EpochView(
    [property: Id(0)] LeaderEpoch Epoch,
    [property: Id(1)] bool Unfenced = false,
    [property: Id(2)] long? SilenceMs = null,
    [property: Id(3)] string? AutoFailover = null);
