using GeoStore.Core.Versioning;

namespace GeoStore.Abstractions.Messages;

/// <summary>
/// The answer to a write: whether it was applied, the version it got (or the current version when
/// a precondition failed), the region that accepted it, its position in that region's log, and
/// the writes it saw (its causal past: a later write whose past covers an earlier one overwrote it
/// knowingly; otherwise the two were concurrent). In a Leaderless keyspace <paramref name="Quorum"/>
/// says which replicas it reached; in a SingleLeader keyspace <paramref name="Leader"/> states the
/// epoch, log position and which followers it reached;
/// in a Chain keyspace <paramref name="Chain"/> names the chain
/// version, its members and the tail that acknowledged the write.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record WriteResult(
    [property: Id(0)] WriteStatus Status,
    [property: Id(1)] WriteVersion? Version,
    [property: Id(2)] string Region,
    [property: Id(3)] int Shard,
    [property: Id(4)] long LogSequence,
    [property: Id(5)] TimestampVector? Seen = null,
    [property: Id(6)] string? Problem = null,
    [property: Id(7)] QuorumAnswer? Quorum = null,
    [property: Id(8)] LeaderAnswer? Leader = null,
    [property: Id(9)] ChainAnswer? Chain = null);
