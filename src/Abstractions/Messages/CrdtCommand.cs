using System.Collections.Immutable;
using GeoStore.Core.Crdts;

namespace GeoStore.Abstractions.Messages;

/// <summary>Operations on one key of a Crdt keyspace, applied in order and atomically.</summary>
[GenerateSerializer, Immutable]
public sealed record CrdtCommand(
    [property: Id(0)] string Keyspace,
    [property: Id(1)] string Key,
    [property: Id(2)] ImmutableArray<CrdtOperation> Operations);
