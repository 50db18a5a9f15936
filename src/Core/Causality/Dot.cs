using System.Globalization;

namespace GeoStore.Core.Causality;

/// <summary>
/// Names one write to a key: the <paramref name="Counter"/>-th write to it accepted in
/// <paramref name="Region"/>. One register grain per key and region numbers that region's writes
/// 1, 2, 3, …, so a dot names the same single write in every region. Sibling sets tag their
/// siblings with dots, and CRDT states the entries each write adds.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record Dot(
    [property: Id(0)] string Region,
    [property: Id(1)] long Counter) : IComparable<Dot>
{
    /// <summary>Orders by region (ordinal), then by counter: the canonical order of siblings.</summary>
    public int CompareTo(Dot? other)
    {
        if (other is null)
        {
            return 1;
        }

        var byRegion = string.CompareOrdinal(Region, other.Region);
        return byRegion != 0 ? byRegion : Counter.CompareTo(other.Counter);
    }

    /// <summary>Formats as <c>region:counter</c>, e.g. <c>us-east:3</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Region}:{Counter}");
}
