using GeoStore.Core.Leadership;

namespace GeoStore.Abstractions.Errors;

/// <summary>
/// A write or entry of a SingleLeader keyspace carried epoch <see cref="Carried"/>, older than the
/// <see cref="Current"/> epoch the replica holds: it comes from a deposed leader and was rejected
/// (the fencing token at work). Not retryable as is: write to <see cref="Current"/>'s leader.
/// </summary>
[GenerateSerializer]
public sealed class FencedException : Exception
{
    public FencedException(string keyspace, string region, LeaderEpoch? carried, LeaderEpoch current, bool indeterminate = false)
        : base((carried is null
            ? $"Region '{region}' does not lead keyspace '{keyspace}': the current epoch is {current.Number} and its leader is {current.Leader}."
            : $"Keyspace '{keyspace}': epoch {carried.Number} ({carried.Leader}) is fenced at '{region}': the current epoch is {current.Number} and its leader is {current.Leader}.")
            + (indeterminate
                ? " The write was already in the deposed leader's log: it survives if the new leader had received it before the failover, otherwise it goes to the orphaned-writes log. Its outcome is indeterminate: read the key to know."
                : string.Empty))
    {
        Indeterminate = indeterminate;
        Keyspace = keyspace;
        Region = region;
        Carried = carried;
        Current = current;
    }

    [Id(0)]
    public string Keyspace { get; }

    /// <summary>The region whose replica rejected it.</summary>
    [Id(1)]
    public string Region { get; }

    [Id(2)]
    public LeaderEpoch? Carried { get; }

    [Id(3)]
    public LeaderEpoch Current { get; }

    /// <summary>True when the write had been logged before it was fenced: it may survive or be orphaned.</summary>
    [Id(4)]
    public bool Indeterminate { get; }
}
