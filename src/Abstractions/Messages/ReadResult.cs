using GeoStore.Core.Replication;
using GeoStore.Core.Versioning;

namespace GeoStore.Abstractions.Messages;

/// <summary>
/// What the serving replica holds for a key (a tombstone or nothing reads as absent), the region
/// that served it, and the newest write it has applied from each region for this key. In a
/// Leaderless keyspace the answer is the newest among R replicas and <paramref name="Quorum"/> says which;
/// in a SingleLeader keyspace <paramref name="Lag"/> says whom the serving replica follows and how far behind it is;
/// in a Chain keyspace <paramref name="Chain"/> names the chain version and the member that answered.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ReadResult(
    [property: Id(0)] VersionedValue? Value,
    [property: Id(1)] string Region,
    [property: Id(2)] TimestampVector? Seen = null,
    [property: Id(3)] ReplicatedState? Merged = null,
    [property: Id(4)] QuorumAnswer? Quorum = null,
    [property: Id(5)] FollowerLag? Lag = null,
    [property: Id(6)] ChainAnswer? Chain = null)
{
    public bool Found => Value is { IsTombstone: false };
}
