using GeoStore.Core.Leadership;

namespace GeoStore.Abstractions.Errors;

/// <summary>
/// A failover chose its target against epoch <see cref="Expected"/>, but the keyspace had moved on
/// to <see cref="Current"/> (another failover won the race). Nothing changed; look again and retry.
/// </summary>
[GenerateSerializer]
public sealed class FailoverConflictException : Exception
{
    public FailoverConflictException(string keyspace, LeaderEpoch expected, LeaderEpoch current)
        : base($"Keyspace '{keyspace}' is in epoch {current.Number} led by {current.Leader}, not epoch {expected.Number} led by {expected.Leader}: another failover won.")
    {
        Keyspace = keyspace;
        Expected = expected;
        Current = current;
    }

    [Id(0)]
    public string Keyspace { get; }

    [Id(1)]
    public LeaderEpoch Expected { get; }

    [Id(2)]
    public LeaderEpoch Current { get; }
}
