using GeoStore.Bench.OpenLoop;
using GeoStore.Bench.Quorum;
using GeoStore.Bench.Topology;

namespace GeoStore.Bench.Leader;

/// <summary>
/// One measured (mode, writer region) next to its bound (<see cref="LeaderMode.BoundMs"/>): writes
/// sent in <see cref="Writer"/>, forwarded to <see cref="Leader"/> unless that is where they were sent.
/// The goal is the quorum scenario's, p50 within 1.1 × bound + 2 ms (<see cref="LatencyRow.GoalMs"/>).
/// </summary>
public sealed record LeaderLatencyRow(LeaderMode Mode, string Writer, string Leader, double BoundMs, LatencyPhase Phase)
{
    public bool Forwarded => !string.Equals(Writer, Leader, StringComparison.Ordinal);

    public double GoalMs => (LatencyRow.GoalFactor * BoundMs) + LatencyRow.GoalSlackMs;

    /// <summary>p50 ÷ (bound + 2 ms): at most 1 is at least as fast as the bound plus the slack.</summary>
    public double P50OverBoundPlusSlack => Phase.LatencyMs.P50 / (BoundMs + LatencyRow.GoalSlackMs);

    public double P50AboveBoundMs => Phase.LatencyMs.P50 - BoundMs;

    public bool MeetsGoal => Phase.LatencyMs.P50 <= GoalMs;

    public static LeaderLatencyRow Measured(LeaderMode mode, string writer, string leader, WanMatrix wan, LatencyPhase phase) =>
        new(mode, writer, leader, mode.BoundMs(wan, leader, writer), phase);
}
