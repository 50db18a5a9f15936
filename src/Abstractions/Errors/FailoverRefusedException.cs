using GeoStore.Core.Leadership;

namespace GeoStore.Abstractions.Errors;

/// <summary>
/// A failover promoted nobody because promoting now could lose acknowledged writes, or no follower
/// could be reached (<see cref="Kind"/>). Nothing changed. <see cref="Forcible"/> when repeating it
/// with <c>force</c> would promote anyway.
/// </summary>
[GenerateSerializer]
public sealed class FailoverRefusedException : Exception
{
    public FailoverRefusedException(string keyspace, FailoverRefusalKind kind, string reason, bool forcible)
        : base($"Keyspace '{keyspace}' was not failed over: {reason}")
    {
        Keyspace = keyspace;
        Kind = kind;
        Reason = reason;
        Forcible = forcible;
    }

    [Id(0)]
    public string Keyspace { get; }

    [Id(1)]
    public FailoverRefusalKind Kind { get; }

    [Id(2)]
    public string Reason { get; }

    [Id(3)]
    public bool Forcible { get; }
}
