using GeoStore.Bench.Topology;

namespace GeoStore.Bench.Leader;

/// <summary>Every measured drill of one mode: the median (<see cref="Spread.P50"/>), least and greatest of each phase.</summary>
public sealed record FailoverSummary(
    string Mode,
    int Trials,
    int Acknowledged,
    Spread CutMs,
    Spread FailoverMs,
    double FailoverFloorMs,
    Spread FirstWriteMs,
    double FirstWriteBoundMs,
    Spread ToFirstWriteMs,
    Spread RejoinMs,
    IReadOnlyList<string> NewLeaders,
    string? FirstError)
{
    public static FailoverSummary Of(string mode, IReadOnlyList<FailoverTrial> trials) => new(
        mode,
        trials.Count,
        trials.Count(t => t.FirstWriteAcknowledged),
        Spread.Of(trials.Select(t => t.CutMs)),
        Spread.Of(trials.Select(t => t.FailoverMs)),
        Spread.Of(trials.Select(t => t.FailoverFloorMs)).P50,
        Spread.Of(trials.Select(t => t.FirstWriteMs)),
        Spread.Of(trials.Select(t => t.FirstWriteBoundMs)).P50,
        Spread.Of(trials.Select(t => t.ToFirstWriteMs)),
        Spread.Of(trials.Select(t => t.RejoinMs)),
        [.. trials.Select(t => t.NewLeader).Distinct(StringComparer.Ordinal)],
        trials.Select(t => t.FirstWriteError).FirstOrDefault(e => e is not null));
}
