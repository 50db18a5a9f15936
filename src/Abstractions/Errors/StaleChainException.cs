namespace GeoStore.Abstractions.Errors;

/// <summary>
/// A message of a Chain keyspace was sent under chain configuration <see cref="Sent"/>, older than
/// the <see cref="Known"/> one the receiving replica holds: its sender was reconfigured away (a
/// removed member resending) or has not heard of the new chain yet. The replica changed nothing;
/// the coordinator fetches the current chain from the catalog and tries again.
/// </summary>
[GenerateSerializer]
public sealed class StaleChainException : Exception
{
    public StaleChainException(string keyspace, string region, long sent, long known)
        : base($"Keyspace '{keyspace}': region '{region}' refused a message sent under chain version {sent}; it knows version {known}.")
    {
        Keyspace = keyspace;
        Region = region;
        Sent = sent;
        Known = known;
    }

    [Id(0)]
    public string Keyspace { get; }

    /// <summary>The region whose replica refused it.</summary>
    [Id(1)]
    public string Region { get; }

    [Id(2)]
    public long Sent { get; }

    [Id(3)]
    public long Known { get; }
}
