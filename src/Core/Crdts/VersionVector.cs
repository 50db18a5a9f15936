using System.Collections.Immutable;

namespace GeoStore.Core.Crdts;

/// <summary>
/// A causal context: for each region, the highest event counter whose effects a state has seen.
/// A region numbers its events on a key 1, 2, 3, … and states travel whole, so what one state has
/// seen of a region is always a prefix, and one counter per region describes it exactly.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record VersionVector([property: Id(0)] ImmutableSortedDictionary<string, long> Counters)
{
    public static VersionVector Empty { get; } = new(SortedMaps.Empty<long>());

    /// <summary>The highest counter seen from <paramref name="region"/>; 0 when none.</summary>
    public long this[string region] => Counters.GetValueOrDefault(region);

    /// <summary>True when the event <paramref name="dot"/> is in this context's past.</summary>
    public bool Covers(Dot dot) => dot.Counter <= this[dot.Region];

    /// <summary>The dot of <paramref name="region"/>'s next event on a state with this context.</summary>
    public Dot Next(string region) => new(region, this[region] + 1);

    /// <summary>This context extended by <paramref name="dot"/>, which must be the region's next event.</summary>
    public VersionVector With(Dot dot) => Covers(dot) ? this : new(Counters.SetItem(dot.Region, dot.Counter));

    public static VersionVector Merge(VersionVector a, VersionVector b) =>
        ReferenceEquals(a, b) ? a : new(SortedMaps.Max(a.Counters, b.Counters));

    public bool Equals(VersionVector? other) => other is not null && SortedMaps.Equal(Counters, other.Counters);

    public override int GetHashCode() => SortedMaps.Hash(Counters);

    public override string ToString() => "{" + string.Join(",", Counters.Select(c => $"{c.Key}:{c.Value}")) + "}";
}
