using System.Globalization;

namespace GeoStore.Core.Clocks;

/// <summary>
/// A hybrid logical clock reading: physical milliseconds since the Unix epoch plus a logical
/// counter that orders events sharing the same millisecond (Kulkarni et al., 2014).
/// </summary>
[GenerateSerializer, Immutable]
public readonly record struct HybridTimestamp([property: Id(0)] long WallMs, [property: Id(1)] int Logical)
    : IComparable<HybridTimestamp>
{
    public static HybridTimestamp Zero { get; } = new(0, 0);

    public int CompareTo(HybridTimestamp other)
    {
        var wall = WallMs.CompareTo(other.WallMs);
        return wall != 0 ? wall : Logical.CompareTo(other.Logical);
    }

    public static bool operator <(HybridTimestamp left, HybridTimestamp right) => left.CompareTo(right) < 0;
    public static bool operator >(HybridTimestamp left, HybridTimestamp right) => left.CompareTo(right) > 0;
    public static bool operator <=(HybridTimestamp left, HybridTimestamp right) => left.CompareTo(right) <= 0;
    public static bool operator >=(HybridTimestamp left, HybridTimestamp right) => left.CompareTo(right) >= 0;

    public DateTimeOffset ToDateTimeOffset() => DateTimeOffset.FromUnixTimeMilliseconds(WallMs);

    /// <summary>Formats as <c>wall.logical</c>, e.g. <c>1732364400000.3</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{WallMs}.{Logical}");

    public static bool TryParse(ReadOnlySpan<char> text, out HybridTimestamp timestamp)
    {
        timestamp = Zero;
        var dot = text.IndexOf('.');
        if (dot <= 0
            || !long.TryParse(text[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out var wall)
            || !int.TryParse(text[(dot + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var logical))
        {
            return false;
        }

        timestamp = new HybridTimestamp(wall, logical);
        return true;
    }
}
