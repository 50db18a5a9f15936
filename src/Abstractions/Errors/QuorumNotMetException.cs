namespace GeoStore.Abstractions.Errors;

/// <summary>
/// A quorum operation of a Leaderless keyspace did not reach its W (or R) replicas in time: too many
/// were unreachable or slow. For a write the outcome is indeterminate when any replica stored it
/// (<see cref="MayBeApplied"/>): it may surface later through read repair, hints or anti-entropy, so a
/// client retries it as it would any write it did not hear back from, as with Cassandra.
/// </summary>
[GenerateSerializer]
public sealed class QuorumNotMetException : Exception
{
    public QuorumNotMetException(string operation, int required, string[] acked, string[] hinted, string[] failed, bool mayBeApplied)
        : base(Describe(operation, required, acked, hinted, failed, mayBeApplied))
    {
        Operation = operation;
        Required = required;
        Acked = acked;
        Hinted = hinted;
        Failed = failed;
        MayBeApplied = mayBeApplied;
    }

    /// <summary><c>write</c> or <c>read</c>.</summary>
    [Id(0)]
    public string Operation { get; }

    [Id(1)]
    public int Required { get; }

    [Id(2)]
    public string[] Acked { get; }

    [Id(3)]
    public string[] Hinted { get; }

    [Id(4)]
    public string[] Failed { get; }

    [Id(5)]
    public bool MayBeApplied { get; }

    private static string Describe(string operation, int required, string[] acked, string[] hinted, string[] failed, bool mayBeApplied)
    {
        var reached = acked.Length == 0 ? "none" : string.Join(", ", acked);
        var text = $"The {operation} needed {required} replica(s) and reached {acked.Length} ({reached})";
        if (hinted.Length > 0)
        {
            text += $"; hints are held for {string.Join(", ", hinted)}";
        }

        if (failed.Length > 0)
        {
            text += $"; unreachable or too slow: {string.Join(", ", failed)}";
        }

        return mayBeApplied
            ? text + ". It may still be applied: treat the outcome as unknown and retry."
            : text + ".";
    }
}
