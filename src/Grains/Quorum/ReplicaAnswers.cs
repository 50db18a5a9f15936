using GeoStore.Core.Causality;
using GeoStore.Core.Keyspaces;
using GeoStore.Core.Quorum;
using GeoStore.Core.Replication;
using GeoStore.Core.Versioning;

namespace GeoStore.Grains.Quorum;

/// <summary>
/// Settles what R replicas answered: the newest version (Lww) or the merge of every sibling set
/// (MultiValue), which replicas already hold it and which are stale, and the entry that brings a
/// stale replica up to date (its merge is idempotent, so sending it twice changes nothing).
/// </summary>
internal static class ReplicaAnswers
{
    public static ResolvedRead Resolve(ConflictResolver resolver, string keyspace, string key, IReadOnlyList<ReplicaAnswer> answers)
    {
        var seen = answers.Aggregate(TimestampVector.Empty, (all, a) => all.Join(a.Read.Seen));
        if (resolver == ConflictResolver.MultiValue)
        {
            var merged = answers.Aggregate(SiblingSet.Empty, (all, a) => SiblingSet.Merge(all, SiblingsOf(a)));
            var current = answers.Where(a => SiblingsOf(a).Equals(merged)).Select(a => a.Region).ToList();
            var stale = answers.Select(a => a.Region).Except(current).ToList();
            var state = new ReplicatedState(Siblings: merged);
            var entry = merged.Newest is { } newest ? new LogEntry(0, newest.Version.Region, keyspace, key, newest, Seen: seen, State: state) : null;
            return new ResolvedRead(merged.Newest, seen, state, current, stale, entry);
        }

        var resolution = ReadResolution.From(answers.Select(a => (a.Region, a.Read.Value?.Version)));
        if (resolution.Newest is not { } version)
        {
            return new ResolvedRead(null, seen, null, resolution.Current, [], null);
        }

        var holder = answers.First(a => a.Read.Value?.Version == version);
        var value = holder.Read.Value!;
        return new ResolvedRead(value, seen, holder.Read.Merged, resolution.Current, resolution.Stale, new LogEntry(0, version.Region, keyspace, key, value, Seen: holder.Read.Seen));
    }

    private static SiblingSet SiblingsOf(ReplicaAnswer answer) => answer.Read.Merged?.Siblings ?? SiblingSet.Empty;
}
