using System.Collections.Immutable;
using GeoStore.Core.Replication;

namespace GeoStore.Abstractions.Messages;

/// <summary>Entries of one log shard after a position, the shard's last sequence and its incarnation.</summary>
[GenerateSerializer, Immutable]
public sealed record LogSlice(
    [property: Id(0)] ImmutableArray<LogEntry> Entries,
    [property: Id(1)] long LastSequence,
    [property: Id(2)] Guid Incarnation);
