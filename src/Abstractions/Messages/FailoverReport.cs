using System.Collections.Immutable;
using GeoStore.Core.Leadership;

namespace GeoStore.Abstractions.Messages;

/// <summary>
/// What a failover did: the epoch it replaced and the one it made (durable in the catalog before the
/// new leader took writes), each follower as the choice saw it, the regions told so far (the new
/// leader keeps announcing to the rest), and what an operator should know.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record FailoverReport(
    [property: Id(0)] string Keyspace,
    [property: Id(1)] LeaderEpoch From,
    [property: Id(2)] LeaderEpoch To,
    [property: Id(3)] bool Fenced,
    [property: Id(4)] ImmutableArray<FailoverCandidateView> Candidates,
    [property: Id(5)] ImmutableArray<string> Informed,
    [property: Id(6)] ImmutableArray<string> Warnings);

/// <summary>One follower as a failover saw it: reachable or not, and what it had received of the old leader's log, per shard and in all.</summary>
[GenerateSerializer, Immutable]
public sealed record FailoverCandidateView(
    [property: Id(0)] string Region,
    [property: Id(1)] bool Reachable,
    [property: Id(2)] long ReceivedTotal,
    [property: Id(3)] ImmutableDictionary<int, long> ReceivedThrough,
    [property: Id(4)] string? Problem = null);
