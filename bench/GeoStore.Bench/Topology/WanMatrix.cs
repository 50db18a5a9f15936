using System.Globalization;

namespace GeoStore.Bench.Topology;

/// <summary>
/// One-way WAN latencies between three regions, the same in both directions: <see cref="AbMs"/>
/// between the first and second region, <see cref="BcMs"/> between the second and third,
/// <see cref="AcMs"/> between the first and third (as <c>--wan-matrix ab,bc,ac</c>).
/// </summary>
public sealed record WanMatrix(IReadOnlyList<string> Regions, int AbMs, int BcMs, int AcMs)
{
    public static readonly int[] DefaultMs = [20, 40, 80];

    public int LatencyMs(string from, string to)
    {
        var (a, b) = (IndexOf(from), IndexOf(to));
        return (Math.Min(a, b), Math.Max(a, b)) switch
        {
            (0, 1) => AbMs,
            (1, 2) => BcMs,
            (0, 2) => AcMs,
            _ => 0,
        };
    }

    /// <summary>The sum of one-way latencies along <paramref name="path"/> (origin first): the least time an entry can take over it.</summary>
    public int PathLatencyMs(IReadOnlyList<string> path) =>
        path.Zip(path.Skip(1)).Sum(hop => LatencyMs(hop.First, hop.Second));

    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Regions[0]}↔{Regions[1]} {AbMs} ms, {Regions[1]}↔{Regions[2]} {BcMs} ms, {Regions[0]}↔{Regions[2]} {AcMs} ms");

    /// <summary>Parses <c>ab,bc,ac</c> (milliseconds); the problem, or null.</summary>
    public static (int[] LatenciesMs, string? Problem) Parse(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var values = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out values[i]) || values[i] > Core.Wan.WanLink.MaxLatencyMs)
            {
                return ([], $"--wan-matrix: '{parts[i]}' is not a latency in ms (0 to {Core.Wan.WanLink.MaxLatencyMs}).");
            }
        }

        return values.Length == 3 ? (values, null) : ([], "--wan-matrix needs three one-way latencies in ms: first↔second, second↔third, first↔third region.");
    }

    private int IndexOf(string region)
    {
        for (var i = 0; i < Regions.Count; i++)
        {
            if (string.Equals(Regions[i], region, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
