using GeoStore.Core.Replication;

namespace GeoStore.Abstractions.Messages;

/// <summary>
/// A quorum write as its coordinating replica answers it: the outcome there (stored, or refused by a
/// precondition or the sibling cap) and, when stored, the entry the coordinator sends to every other
/// replica. The coordinating replica versioned it, so its version is unique and above what it has seen.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PreparedWrite(
    [property: Id(0)] WriteResult Result,
    [property: Id(1)] LogEntry? Entry);
