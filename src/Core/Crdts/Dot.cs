using System.Globalization;

namespace GeoStore.Core.Crdts;

/// <summary>
/// One event of one region on one CRDT: the region and its event counter (1, 2, 3, …). Unique
/// because a region applies writes to a key one at a time and keeps its counter in the state.
/// </summary>
[GenerateSerializer, Immutable]
public readonly record struct Dot([property: Id(0)] string Region, [property: Id(1)] long Counter) : IComparable<Dot>
{
    public int CompareTo(Dot other)
    {
        var byRegion = string.CompareOrdinal(Region, other.Region);
        return byRegion != 0 ? byRegion : Counter.CompareTo(other.Counter);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Region}:{Counter}");
}
