using GeoStore.Core.Leadership;

namespace GeoStore.Abstractions.Messages;

/// <summary>
/// How current a SingleLeader replica is: the <paramref name="Epoch"/> it follows (or leads), how many
/// entries of the leader's log shard holding the key it knows of but has not applied
/// (<paramref name="EntriesBehind"/>), and how long ago it last heard from the leader
/// (<paramref name="MillisecondsSinceContact"/>; null when it never has). The leader itself is 0 behind.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record FollowerLag(
    [property: Id(0)] LeaderEpoch Epoch,
    [property: Id(1)] long EntriesBehind,
    [property: Id(2)] long? MillisecondsSinceContact);
