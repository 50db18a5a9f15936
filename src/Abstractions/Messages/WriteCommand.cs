using GeoStore.Core.Causality;
using GeoStore.Core.Versioning;

namespace GeoStore.Abstractions.Messages;

/// <summary>
/// A put (<paramref name="Value"/> set) or delete (<paramref name="Value"/> null) of one key. In a
/// MultiValue keyspace <paramref name="Context"/> is the causal context the client read: the write
/// replaces exactly the siblings it covers. <paramref name="W"/> is the request's own write quorum in a
/// Leaderless keyspace (already checked against the keyspace's N); null means the keyspace's W.
/// <paramref name="After"/> is a write the client has seen (its session token): this write is its
/// causal successor, versioned above it wherever it is made, so it never loses to it, whatever the
/// clocks of the two regions say.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record WriteCommand(
    [property: Id(0)] string Keyspace,
    [property: Id(1)] string Key,
    [property: Id(2)] byte[]? Value,
    [property: Id(3)] string? ContentType,
    [property: Id(4)] WriteCondition Condition,
    [property: Id(5)] VersionVector? Context = null,
    [property: Id(6)] int? W = null,
    [property: Id(7)] WriteVersion? After = null)
{
    public bool IsDelete => Value is null;
}
