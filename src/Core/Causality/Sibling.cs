using GeoStore.Core.Versioning;

namespace GeoStore.Core.Causality;

/// <summary>
/// One of a key's concurrent versions in a MultiValue keyspace: a write, or a delete when
/// <paramref name="Value"/> is a tombstone, named by the <paramref name="Dot"/> its region gave it.
/// </summary>
/// <remarks>
/// Equality compares the value's bytes, not the array reference, so a sibling equals its copy
/// after a round trip through the serializer.
/// </remarks>
[GenerateSerializer, Immutable]
public sealed record Sibling(
    [property: Id(0)] Dot Dot,
    [property: Id(1)] VersionedValue Value)
{
    public bool IsTombstone => Value.IsTombstone;

    public bool Equals(Sibling? other) =>
        other is not null
        && Dot.Equals(other.Dot)
        && Value.Version.Equals(other.Value.Version)
        && string.Equals(Value.ContentType, other.Value.ContentType, StringComparison.Ordinal)
        && (Value.Value is null
            ? other.Value.Value is null
            : other.Value.Value is not null && Value.Value.AsSpan().SequenceEqual(other.Value.Value));

    public override int GetHashCode() => HashCode.Combine(Dot, Value.Version);

    /// <summary>Formats as <c>us-east:3=1732364400000.0@us-east</c>, or <c>us-east:3=deleted 1732364400000.0@us-east</c>.</summary>
    public override string ToString() => IsTombstone ? $"{Dot}=deleted {Value.Version}" : $"{Dot}={Value.Version}";
}
