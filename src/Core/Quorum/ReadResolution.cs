using GeoStore.Core.Versioning;

namespace GeoStore.Core.Quorum;

/// <summary>
/// What R replicas' answers to a quorum read say: the newest version among them and which replicas
/// answered with something older or nothing, so read repair knows whom to send it to.
/// </summary>
/// <param name="Newest">The greatest version answered; null when no replica holds the key.</param>
/// <param name="Current">Replicas that answered <paramref name="Newest"/>, in answer order.</param>
/// <param name="Stale">Replicas that answered an older version or none, in answer order.</param>
public sealed record ReadResolution(WriteVersion? Newest, IReadOnlyList<string> Current, IReadOnlyList<string> Stale)
{
    /// <summary>True when every answer was already the newest: nothing to repair.</summary>
    public bool IsConsistent => Stale.Count == 0;

    /// <summary>Resolves one answer per replica; a null version means the replica holds nothing for the key.</summary>
    /// <exception cref="ArgumentException">A replica answered twice.</exception>
    public static ReadResolution From(IEnumerable<(string Replica, WriteVersion? Version)> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var list = answers.ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        WriteVersion? newest = null;
        foreach (var (replica, version) in list)
        {
            ArgumentNullException.ThrowIfNull(replica, nameof(answers));
            if (!seen.Add(replica))
            {
                throw new ArgumentException($"Replica '{replica}' answered twice; each counts once.", nameof(answers));
            }

            if (version is not null && (newest is null || version.CompareTo(newest) > 0))
            {
                newest = version;
            }
        }

        if (newest is null)
        {
            // Every replica agrees the key is absent: nothing newer to spread.
            return new ReadResolution(null, [.. list.Select(a => a.Replica)], []);
        }

        var current = new List<string>();
        var stale = new List<string>();
        foreach (var (replica, version) in list)
        {
            (version is not null && version.CompareTo(newest) == 0 ? current : stale).Add(replica);
        }

        return new ReadResolution(newest, current, stale);
    }
}
