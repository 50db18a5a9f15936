using GeoStore.Core.Replication;
using GeoStore.Core.Versioning;

namespace GeoStore.Abstractions.Messages;

/// <summary>
/// What one replica holds for a key: its surviving version (or the newest sibling), the newest
/// write it has applied from each region (how fresh it is for this key), and the merged state of
/// MultiValue and CRDT keyspaces.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ReplicaRead(
    [property: Id(0)] VersionedValue? Value,
    [property: Id(1)] TimestampVector Seen,
    [property: Id(2)] ReplicatedState? Merged = null)
{
    public static ReplicaRead Empty { get; } = new(null, TimestampVector.Empty);
}
