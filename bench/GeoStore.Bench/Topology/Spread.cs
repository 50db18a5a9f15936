namespace GeoStore.Bench.Topology;

/// <summary>Count, least, median, 99th percentile (nearest rank) and greatest of a set of values.</summary>
public sealed record Spread(int Count, double Min, double P50, double P99, double Max)
{
    public static Spread Of(IEnumerable<double> values)
    {
        var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        return sorted.Length == 0
            ? new Spread(0, double.NaN, double.NaN, double.NaN, double.NaN)
            : new Spread(sorted.Length, sorted[0], NearestRank(sorted, 0.50), NearestRank(sorted, 0.99), sorted[^1]);
    }

    private static double NearestRank(double[] sorted, double quantile) =>
        sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
}
