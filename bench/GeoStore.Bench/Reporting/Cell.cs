using System.Globalization;

namespace GeoStore.Bench.Reporting;

/// <summary>How the scenario reports write a figure into a table cell: invariant culture, "–" for a figure that does not exist.</summary>
public static class Cell
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Milliseconds: two decimals under 10, one above.</summary>
    public static string Ms(double ms) => double.IsNaN(ms) ? "–" : ms.ToString(Math.Abs(ms) < 10 ? "0.00" : "0.0", Invariant);

    /// <summary>A ratio, as <c>1.23×</c>.</summary>
    public static string Times(double ratio) => double.IsNaN(ratio) || double.IsInfinity(ratio) ? "–" : ratio.ToString("0.00", Invariant) + "×";

    /// <summary>Bytes as kilobytes, one decimal.</summary>
    public static string Kb(double bytes) => double.IsNaN(bytes) ? "–" : (bytes / 1024).ToString("0.0", Invariant);

    /// <summary>A whole number, or "–" for none.</summary>
    public static string Count(int? value) => value is { } n ? n.ToString(Invariant) : "–";

    public static string Format(FormattableString text) => text.ToString(Invariant);
}
