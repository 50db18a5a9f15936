using GeoStore.Core.Clocks;

namespace GeoStore.Core.Versioning;

/// <summary>
/// The version of one write: its hybrid timestamp, with the origin region's name as the tie-break.
/// Versions of one key are totally ordered, so every replica picks the same last writer.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record WriteVersion(
    [property: Id(0)] HybridTimestamp Timestamp,
    [property: Id(1)] string Region) : IComparable<WriteVersion>
{
    public int CompareTo(WriteVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        var byTime = Timestamp.CompareTo(other.Timestamp);
        return byTime != 0 ? byTime : string.CompareOrdinal(Region, other.Region);
    }

    public static bool operator >(WriteVersion left, WriteVersion right) => left.CompareTo(right) > 0;
    public static bool operator <(WriteVersion left, WriteVersion right) => left.CompareTo(right) < 0;

    /// <summary>An opaque, quoted HTTP entity tag for this version.</summary>
    public string ToETag() => $"\"{Timestamp}@{Region}\"";

    public override string ToString() => $"{Timestamp}@{Region}";

    /// <summary>Parses <c>wall.logical@region</c>, quoted (an entity tag) or not.</summary>
    public static bool TryParse(string? text, out WriteVersion? version)
    {
        version = null;
        var span = (text ?? string.Empty).AsSpan().Trim();
        if (span.Length >= 2 && span[0] == '"' && span[^1] == '"')
        {
            span = span[1..^1];
        }

        var at = span.IndexOf('@');
        if (at <= 0 || at == span.Length - 1 || !HybridTimestamp.TryParse(span[..at], out var timestamp))
        {
            return false;
        }

        version = new WriteVersion(timestamp, span[(at + 1)..].ToString());
        return true;
    }
}
