namespace GeoStore.Abstractions.Errors;

/// <summary>
/// A member of a chain could not reach <see cref="Member"/>, the next one (or its predecessor to
/// copy from, or the tail to ask), under chain version <see cref="ChainVersion"/>. The coordinator
/// takes <see cref="Member"/> for failed and reconfigures the chain without it.
/// <see cref="MayHaveActed"/> is true when the request may have been carried out there.
/// </summary>
[GenerateSerializer]
public sealed class ChainMemberUnreachableException : Exception
{
    public ChainMemberUnreachableException(string keyspace, string member, long chainVersion, bool mayHaveActed, string reason)
        : base($"Keyspace '{keyspace}': chain member '{member}' could not be reached under chain version {chainVersion}: {reason}")
    {
        Keyspace = keyspace;
        Member = member;
        ChainVersion = chainVersion;
        MayHaveActed = mayHaveActed;
    }

    [Id(0)]
    public string Keyspace { get; }

    [Id(1)]
    public string Member { get; }

    [Id(2)]
    public long ChainVersion { get; }

    [Id(3)]
    public bool MayHaveActed { get; }
}
