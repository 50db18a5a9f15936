using System.Collections.Immutable;
using GeoStore.Core.Causality;

namespace GeoStore.Core.Crdts;

/// <summary>
/// The state of one map field for one CRDT type: the dots of the updates that keep the field
/// alive, and the nested value. With no dots the field is removed; the value stays as the memory
/// of what the removal saw, so that a late copy of an older state cannot bring it back.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record CrdtMapEntry([property: Id(0)] ImmutableArray<Dot> Dots, [property: Id(1)] CrdtValue Value)
{
    public bool IsLive => !Dots.IsDefaultOrEmpty;

    public bool Equals(CrdtMapEntry? other) =>
        other is not null && SortedMaps.SequenceEqual(Dots, other.Dots) && Value.Equals(other.Value);

    public override int GetHashCode() => HashCode.Combine(SortedMaps.SequenceHash(Dots), Value);

    public override string ToString() => $"{Value}@[{string.Join(",", Dots)}]";
}
