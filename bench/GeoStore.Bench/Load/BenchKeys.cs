using System.Globalization;

namespace GeoStore.Bench.Load;

/// <summary>The names of the keys the benchmark writes.</summary>
public static class BenchKeys
{
    /// <summary>The keys the load spreads over: <c>bench-0000000</c> … in a fixed order.</summary>
    public static string[] LoadKeys(int count) =>
        [.. Enumerable.Range(0, count).Select(i => "bench-" + i.ToString("D7", CultureInfo.InvariantCulture))];

    /// <summary>The lag probe's key for writes in <paramref name="from"/> read in <paramref name="to"/>, fresh for each run.</summary>
    public static string LagKey(string run, string from, string to) => $"lag-{run}-{from}-{to}";
}
