using GeoStore.Core.Resolution;

namespace GeoStore.Bench.Topology;

/// <summary>
/// Conflicts of one keyspace: <see cref="Records"/> is every LWW loser logged (a losing write is
/// logged once in each region that held both it and the winner, so up to once per region);
/// <see cref="LosingWrites"/> counts each losing write once.
/// </summary>
public sealed record ConflictTally(long Records, long LosingWrites)
{
    public static ConflictTally Of(IReadOnlyList<ConflictRecord> records) => new(
        records.Count,
        records.SelectMany(r => r.Losers.Select(l => (r.Key, Version: l.Version.ToString()))).Distinct().LongCount());
}
