using GeoStore.Core.Causality;

namespace GeoStore.Abstractions.Messages;

/// <summary>
/// A put (<paramref name="Value"/> set) or delete (<paramref name="Value"/> null) of one key. In a
/// MultiValue keyspace <paramref name="Context"/> is the causal context the client read: the write
/// replaces exactly the siblings it covers. <paramref name="W"/> is the request's own write quorum in a
/// Leaderless keyspace (already checked against the keyspace's N); null means the keyspace's W.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record WriteCommand(
    [property: Id(0)] string Keyspace,
    [property: Id(1)] string Key,
    [property: Id(2)] byte[]? Value,
    [property: Id(3)] string? ContentType,
    [property: Id(4)] WriteCondition Condition,
    [property: Id(5)] VersionVector? Context = null,
    [property: Id(6)] int? W = null)
{
    public bool IsDelete => Value is null;
}
