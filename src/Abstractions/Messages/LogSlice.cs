using System.Collections.Immutable;
using GeoStore.Core.Replication;

namespace GeoStore.Abstractions.Messages;

/// <summary>
/// Entries of one log shard after a position, with the shard's incarnation, its last sequence and
/// the first sequence it still retains (earlier ones were acknowledged by every peer and dropped).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LogSlice(
    [property: Id(0)] ImmutableArray<LogEntry> Entries,
    [property: Id(1)] long LastSequence,
    [property: Id(2)] Guid Incarnation,
    [property: Id(3)] long FirstRetained);
