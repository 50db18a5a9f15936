using System.Collections.Immutable;

namespace GeoStore.Core.Leadership;

/// <summary>
/// What one write of a SingleLeader keyspace reached, as its answer states it: the
/// <paramref name="Epoch"/> and log <paramref name="Sequence"/> it was written under, its
/// <paramref name="Status"/>, and which followers <paramref name="Received"/> and
/// <paramref name="Applied"/> it (ordinal order).
/// </summary>
/// <param name="Required">How many followers the requirement counts: 0 (Async), k (SemiSync) or all (Sync).</param>
/// <param name="Missing">
/// Followers that have not reached the level the mode counts (received for Async and SemiSync,
/// applied for Sync), ordinal order. A Waiting write waits on them.
/// </param>
/// <param name="Degraded">A SemiSync write acknowledged as Async after its timeout.</param>
/// <param name="Problem">Why the write failed or degraded; null otherwise.</param>
[GenerateSerializer, Immutable]
public sealed record WriteReach(
    [property: Id(0)] LeaderEpoch Epoch,
    [property: Id(1)] long Sequence,
    [property: Id(2)] AckStatus Status,
    [property: Id(3)] int Required,
    [property: Id(4)] ImmutableArray<string> Received,
    [property: Id(5)] ImmutableArray<string> Applied,
    [property: Id(6)] ImmutableArray<string> Missing,
    [property: Id(7)] bool Degraded = false,
    [property: Id(8)] string? Problem = null)
{
    public bool IsAcknowledged => Status == AckStatus.Acknowledged;
}
