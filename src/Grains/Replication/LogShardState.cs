using GeoStore.Core.Replication;

namespace GeoStore.Grains.Replication;

/// <summary>
/// The stored state of one log shard: its incarnation, last sequence, the entries some peer has not
/// acknowledged yet (dense: <c>Entries[i].Sequence == Entries[0].Sequence + i</c>) and each peer's
/// acknowledged position.
/// </summary>
[GenerateSerializer]
public sealed class LogShardState
{
    [Id(0)]
    public Guid Incarnation { get; set; }

    [Id(1)]
    public long LastSequence { get; set; }

    [Id(2)]
    public List<LogEntry> Entries { get; set; } = [];

    [Id(3)]
    public Dictionary<string, long> Acknowledged { get; set; } = new(StringComparer.Ordinal);
}
