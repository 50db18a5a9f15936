using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;
using GeoStore.Abstractions.Conflicts;
using GeoStore.Core.Versioning;

namespace GeoStore.Grains.Conflicts.Samples;

/// <summary>
/// The multi-master seed's flight-booking rule, shipped as a sample custom resolver
/// (<c>"customResolver":"flight-booking"</c>). A key is a seat or the last seats of a flight; a value
/// is a booking such as <c>{"passenger":"Ada","seat":"12A"}</c>. When two regions book concurrently,
/// the booking with the lower-numbered seat is kept; for the same seat, the booking made first (the
/// lower hybrid timestamp, then the region name) keeps it, unlike Lww, which would keep the last.
/// A booking beats a concurrent cancellation (a tombstone), and a value that is not a booking loses
/// to one that is. The other booking goes to the conflict log, where an agent can rebook or refund.
/// </summary>
public sealed class FlightSeatResolver : IConflictResolver
{
    public const string ResolverName = "flight-booking";

    public string Name => ResolverName;

    public VersionedValue Choose(string keyspace, string key, VersionedValue a, VersionedValue b)
    {
        var (rankA, rankB) = (Rank(a), Rank(b));
        var order = rankA.NotBooking.CompareTo(rankB.NotBooking);
        order = order != 0 ? order : rankA.Row.CompareTo(rankB.Row);
        order = order != 0 ? order : string.CompareOrdinal(rankA.Letter, rankB.Letter);
        order = order != 0 ? order : a.Version.CompareTo(b.Version);
        return order <= 0 ? a : b;
    }

    /// <summary>Lower ranks win: (not a booking, seat row, seat letter), then the earlier version.</summary>
    private static (int NotBooking, int Row, string Letter) Rank(VersionedValue value) =>
        Seat(value) is { } seat ? (0, seat.Row, seat.Letter) : (value.IsTombstone ? 2 : 1, 0, string.Empty);

    private static (int Row, string Letter)? Seat(VersionedValue value)
    {
        // JsonDocument parses a string with invalid UTF-8 and throws only when it is read.
        if (value.Value is null || !Utf8.IsValid(value.Value))
        {
            return null;
        }

        try
        {
            using var booking = JsonDocument.Parse(value.Value);
            if (booking.RootElement.ValueKind != JsonValueKind.Object
                || !booking.RootElement.TryGetProperty("seat", out var seat)
                || seat.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            var text = seat.GetString()!;
            var digits = text.TakeWhile(char.IsAsciiDigit).Count();
            return digits > 0 && int.TryParse(text.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var row)
                ? (row, text[digits..])
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
