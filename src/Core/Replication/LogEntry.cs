using GeoStore.Core.Versioning;

namespace GeoStore.Core.Replication;

/// <summary>
/// One write in a region's replication log. <paramref name="Sequence"/> is dense and increasing
/// per (log region, shard), which is what lets a receiver apply each batch once and in order.
/// <paramref name="Origin"/> is the region the write was made in and
/// <paramref name="OriginSequence"/> its sequence there: an entry relayed by another region (ring,
/// star) keeps both, so whichever path brings it, a region recognises it.
/// <paramref name="Route"/> is the path the keyspace's writes took when it was written;
/// <paramref name="Seen"/> the writes its writer had seen (its causal past);
/// <paramref name="State"/> the full merged state for keyspaces whose replicas exchange state
/// (sibling sets, CRDTs) rather than a single version. An entry of a SingleLeader keyspace carries
/// the <paramref name="Epoch"/> its leader wrote it under: the fencing token every receiver checks.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LogEntry(
    [property: Id(0)] long Sequence,
    [property: Id(1)] string Origin,
    [property: Id(2)] string Keyspace,
    [property: Id(3)] string Key,
    [property: Id(4)] VersionedValue Value,
    [property: Id(5)] long OriginSequence = 0,
    [property: Id(6)] ReplicationRoute? Route = null,
    [property: Id(7)] TimestampVector? Seen = null,
    [property: Id(8)] ReplicatedState? State = null,
    [property: Id(9)] Leadership.LeaderEpoch? Epoch = null);
