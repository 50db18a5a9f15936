using System.Collections.Immutable;
using GeoStore.Core.Resolution;

namespace GeoStore.Abstractions.Messages;

/// <summary>
/// Conflict records of one log shard, and how many older records the shard no longer holds
/// (it keeps the newest <c>ConflictLogGrain.Capacity</c>; the metric counts them all).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record ConflictPage(
    [property: Id(0)] ImmutableArray<ConflictRecord> Records,
    [property: Id(1)] long Dropped);
