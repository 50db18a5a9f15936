using System.Collections.Immutable;
using GeoStore.Core.Leadership;

namespace GeoStore.Abstractions.Messages;

/// <summary>
/// How far <paramref name="Region"/> has come in its leader's log: per shard of the leader region's
/// log, the sequence it received (and applied: a follower applies what it receives before it
/// acknowledges) through, and the epoch it holds.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record FollowerStanding(
    [property: Id(0)] string Region,
    [property: Id(1)] LeaderEpoch Epoch,
    [property: Id(2)] ImmutableDictionary<int, long> ReceivedThrough)
{
    /// <summary>Every shard's position added up: one number to rank followers by.</summary>
    public long Total => ReceivedThrough.Values.Sum();
}
