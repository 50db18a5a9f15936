using GeoStore.Bench.Lag;

namespace GeoStore.Bench.Topology;

/// <summary>
/// Replication lag from one region to another under one topology, next to its least possible
/// value: <see cref="MinimumMs"/>, the sum of one-way latencies along <see cref="Path"/>
/// (<c>ReplicationRoute.PathTo(origin, target)</c>). Ratios are NaN when the minimum is 0.
/// </summary>
public sealed record PairLag(string Origin, string Target, IReadOnlyList<string> Path, int MinimumMs, LagResult Lag)
{
    public double P50OverMinimum => Over(Lag.P50Ms);

    public double P99OverMinimum => Over(Lag.P99Ms);

    public double P50AboveMinimumMs => Lag.P50Ms - MinimumMs;

    public double P99AboveMinimumMs => Lag.P99Ms - MinimumMs;

    private double Over(double ms) => MinimumMs > 0 && Lag.Samples > 0 ? ms / MinimumMs : double.NaN;
}
