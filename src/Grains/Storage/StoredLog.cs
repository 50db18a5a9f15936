using GeoStore.Core.Replication;

namespace GeoStore.Grains.Storage;

/// <summary>A log shard as stored: its incarnation, last sequence, retained entries and peers' acknowledged positions.</summary>
public sealed record StoredLog(
    Guid Incarnation,
    long LastSequence,
    IReadOnlyList<LogEntry> Entries,
    IReadOnlyDictionary<string, long> Acknowledged);
