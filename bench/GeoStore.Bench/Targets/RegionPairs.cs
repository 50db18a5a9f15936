namespace GeoStore.Bench.Targets;

/// <summary>The directed pairs of distinct regions: every WAN link, every (writer, reader) pair of the lag probe.</summary>
public static class RegionPairs
{
    public static IReadOnlyList<(T From, T To)> Directed<T>(IReadOnlyList<T> regions) =>
        [.. from a in regions from b in regions where !EqualityComparer<T>.Default.Equals(a, b) select (a, b)];
}
