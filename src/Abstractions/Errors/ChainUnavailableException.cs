namespace GeoStore.Abstractions.Errors;

/// <summary>
/// An operation of a Chain keyspace could not be carried out in time: the write did not reach the
/// tail (or the read found no member to answer) before the deadline, or the only member left could
/// not be reached. <see cref="Chain"/> is the chain as it was last tried (version
/// <see cref="ChainVersion"/>), <see cref="Unreached"/> the members that failed along the way. A
/// write is <see cref="MayBeApplied"/> when the head took it: it may still be committed, with the
/// next write to the key or a retry, so the client cannot know and should retry it.
/// </summary>
[GenerateSerializer]
public sealed class ChainUnavailableException : Exception
{
    public ChainUnavailableException(string keyspace, string operation, long chainVersion, string[] chain, string[] unreached, bool mayBeApplied, string reason)
        : base($"Keyspace '{keyspace}': the chain {(chain.Length == 0 ? "(none)" : string.Join(" > ", chain))} (version {chainVersion}) could not complete the {operation}: {reason}")
    {
        Keyspace = keyspace;
        Operation = operation;
        ChainVersion = chainVersion;
        Chain = chain;
        Unreached = unreached;
        MayBeApplied = mayBeApplied;
        Reason = reason;
    }

    [Id(0)]
    public string Keyspace { get; }

    /// <summary><c>write</c> or <c>read</c>.</summary>
    [Id(1)]
    public string Operation { get; }

    [Id(2)]
    public long ChainVersion { get; }

    [Id(3)]
    public string[] Chain { get; }

    [Id(4)]
    public string[] Unreached { get; }

    [Id(5)]
    public bool MayBeApplied { get; }

    [Id(6)]
    public string Reason { get; }
}
