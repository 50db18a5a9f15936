using GeoStore.Core.Versioning;

namespace GeoStore.Core.Resolution;

/// <summary>
/// The merge of single-value keyspaces (Lww and Custom). The replica keeps one version and the
/// vector of writes it has seen. An incoming version the replica has seen changes nothing; one that
/// saw the replica's version replaces it (a causal overwrite, never a conflict); otherwise the two
/// are concurrent and the keyspace's choice keeps one, and the other is reported as the loser.
/// A causal successor always has the higher hybrid timestamp, so with the Lww choice the survivor is
/// always the highest version, and the merge is commutative, associative and idempotent.
/// </summary>
public static class SingleValueMerge
{
    /// <summary>The Lww choice: the higher version (timestamp, then region) survives.</summary>
    public static VersionedValue LastWriterWins(VersionedValue a, VersionedValue b) => a.Version.CompareTo(b.Version) >= 0 ? a : b;

    public static SingleValueOutcome Merge(SingleValueState current, VersionedValue incoming, TimestampVector? incomingSeen, ConcurrentChoice choose)
    {
        var seen = current.Seen.Join(incomingSeen).With(incoming.Version);
        if (current.Seen.Covers(incoming.Version))
        {
            // Seen already: a duplicate, or an old version this replica has superseded. Its own past may still be news.
            var unchanged = seen.Equals(current.Seen);
            return new(unchanged ? current : current with { Seen = seen }, !unchanged, null);
        }

        var value = current.Value;
        if (value is null || (incomingSeen?.Covers(value.Version) ?? false))
        {
            return new(new SingleValueState(incoming, seen), true, null);
        }

        var survivor = choose(value, incoming);
        var loser = ReferenceEquals(survivor, incoming) ? value : incoming;
        return new(new SingleValueState(survivor, seen), true, loser);
    }
}
