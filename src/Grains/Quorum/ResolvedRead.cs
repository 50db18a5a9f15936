using GeoStore.Core.Replication;
using GeoStore.Core.Versioning;

namespace GeoStore.Grains.Quorum;

/// <summary>The settled answer of a quorum read; <paramref name="Entry"/> is null when no replica holds the key.</summary>
internal sealed record ResolvedRead(
    VersionedValue? Value,
    TimestampVector Seen,
    ReplicatedState? Merged,
    IReadOnlyList<string> Current,
    IReadOnlyList<string> Stale,
    LogEntry? Entry);
