using System.Globalization;

namespace GeoStore.Core.Leadership;

/// <summary>
/// A place in a SingleLeader keyspace's log: the <paramref name="Sequence"/>-th entry, written under
/// epoch <paramref name="Epoch"/>. One epoch has one leader and a leader numbers its entries once,
/// so a position names a single entry everywhere; <see cref="Start"/> (0, 0) is before the first.
/// </summary>
/// <remarks>
/// Ordered by epoch, then sequence (Raft's "more up to date"): a log ending in a newer epoch is
/// ahead of a longer one ending in an older epoch, whose tail may be a deposed leader's divergent writes.
/// </remarks>
[GenerateSerializer, Immutable]
public readonly record struct LogPosition([property: Id(0)] long Epoch, [property: Id(1)] long Sequence)
    : IComparable<LogPosition>
{
    /// <summary>Before the first entry: nothing received.</summary>
    public static LogPosition Start { get; } = new(0, 0);

    public int CompareTo(LogPosition other)
    {
        var byEpoch = Epoch.CompareTo(other.Epoch);
        return byEpoch != 0 ? byEpoch : Sequence.CompareTo(other.Sequence);
    }

    public static bool operator <(LogPosition left, LogPosition right) => left.CompareTo(right) < 0;
    public static bool operator >(LogPosition left, LogPosition right) => left.CompareTo(right) > 0;
    public static bool operator <=(LogPosition left, LogPosition right) => left.CompareTo(right) <= 0;
    public static bool operator >=(LogPosition left, LogPosition right) => left.CompareTo(right) >= 0;

    /// <summary>Formats as <c>epoch:sequence</c>, e.g. <c>3:42</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Epoch}:{Sequence}");
}
