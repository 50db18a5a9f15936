namespace GeoStore.Core.Versioning;

/// <summary>
/// Last-writer-wins merge: the higher <see cref="WriteVersion"/> survives, tombstones included.
/// Commutative, associative and idempotent, so replicas converge whatever order entries arrive in.
/// </summary>
public static class LastWriterWins
{
    public static VersionedValue? Merge(VersionedValue? current, VersionedValue? incoming)
    {
        if (current is null)
        {
            return incoming;
        }

        if (incoming is null)
        {
            return current;
        }

        return incoming.Version.CompareTo(current.Version) > 0 ? incoming : current;
    }

    /// <summary>True when <paramref name="incoming"/> would replace <paramref name="current"/>.</summary>
    public static bool Supersedes(VersionedValue incoming, VersionedValue? current) =>
        current is null || incoming.Version.CompareTo(current.Version) > 0;
}
