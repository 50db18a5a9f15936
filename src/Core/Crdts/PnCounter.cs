using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace GeoStore.Core.Crdts;

/// <summary>
/// A counter as two grow-only per-region totals, increments and decrements, merged by maximum:
/// each region only ever raises its own totals, so no increment is lost or counted twice.
/// </summary>
/// <remarks>
/// Inside a <see cref="CrdtMap"/>, removing the field records the totals it saw in
/// <see cref="RemovedIncrements"/> and <see cref="RemovedDecrements"/>; the value counts only what
/// came after, so an increment concurrent with the removal survives and the observed ones do not.
/// </remarks>
[GenerateSerializer, Immutable]
public sealed record PnCounter(
    [property: Id(0)] ImmutableSortedDictionary<string, long> Increments,
    [property: Id(1)] ImmutableSortedDictionary<string, long> Decrements,
    [property: Id(2)] ImmutableSortedDictionary<string, long> RemovedIncrements,
    [property: Id(3)] ImmutableSortedDictionary<string, long> RemovedDecrements)
{
    public static PnCounter Empty { get; } = new(SortedMaps.Empty<long>(), SortedMaps.Empty<long>(), SortedMaps.Empty<long>(), SortedMaps.Empty<long>());

    /// <summary>Increments minus decrements, less what a field removal saw. Wider than a long: regions add up.</summary>
    public Int128 Value => Sum(Increments, RemovedIncrements) - Sum(Decrements, RemovedDecrements);

    public PnCounter Increment(string region, long by) => this with { Increments = Add(Increments, region, by) };

    public PnCounter Decrement(string region, long by) => this with { Decrements = Add(Decrements, region, by) };

    /// <summary>Forgets every increment and decrement this state has seen (a map field removal).</summary>
    public PnCounter RemoveObserved() => this with { RemovedIncrements = Increments, RemovedDecrements = Decrements };

    public static PnCounter Merge(PnCounter a, PnCounter b) => new(
        SortedMaps.Max(a.Increments, b.Increments),
        SortedMaps.Max(a.Decrements, b.Decrements),
        SortedMaps.Max(a.RemovedIncrements, b.RemovedIncrements),
        SortedMaps.Max(a.RemovedDecrements, b.RemovedDecrements));

    public JsonObject ToJson() => new() { ["type"] = nameof(CrdtType.PnCounter), ["value"] = (decimal)Value };

    public bool Equals(PnCounter? other) =>
        other is not null
        && SortedMaps.Equal(Increments, other.Increments)
        && SortedMaps.Equal(Decrements, other.Decrements)
        && SortedMaps.Equal(RemovedIncrements, other.RemovedIncrements)
        && SortedMaps.Equal(RemovedDecrements, other.RemovedDecrements);

    public override int GetHashCode() => HashCode.Combine(
        SortedMaps.Hash(Increments), SortedMaps.Hash(Decrements), SortedMaps.Hash(RemovedIncrements), SortedMaps.Hash(RemovedDecrements));

    public override string ToString() =>
        $"PnCounter(+{Show(Increments)} -{Show(Decrements)} removed +{Show(RemovedIncrements)} -{Show(RemovedDecrements)})";

    private static ImmutableSortedDictionary<string, long> Add(ImmutableSortedDictionary<string, long> totals, string region, long by)
    {
        ArgumentException.ThrowIfNullOrEmpty(region);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(by);
        var current = totals.GetValueOrDefault(region);
        if (by > long.MaxValue - current)
        {
            throw new CrdtOperationException($"The counter's total from region '{region}' would pass {long.MaxValue}.");
        }

        return totals.SetItem(region, current + by);
    }

    private static Int128 Sum(ImmutableSortedDictionary<string, long> totals, ImmutableSortedDictionary<string, long> removed)
    {
        Int128 sum = 0;
        foreach (var (region, total) in totals)
        {
            sum += total - removed.GetValueOrDefault(region);
        }

        return sum;
    }

    private static string Show(ImmutableSortedDictionary<string, long> totals) =>
        "{" + string.Join(",", totals.Select(t => $"{t.Key}:{t.Value}")) + "}";
}
