using System.Globalization;
using GeoStore.Core.Resolution;

namespace GeoStore.Api.Apis;

/// <summary>
/// The answer of <c>GET /v1/admin/conflicts</c>: the records, oldest first; how many older records
/// the regions' bounded logs no longer hold; and the regions that could not be asked.
/// </summary>
public sealed record ConflictsView(string ServedBy, IReadOnlyList<ConflictView> Conflicts, long Dropped, IReadOnlyList<string> UnavailableRegions)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 5000;

    public static bool TryParseSince(string text, out long sinceMs)
    {
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out sinceMs))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            sinceMs = time.ToUnixTimeMilliseconds();
            return true;
        }

        return false;
    }
}

/// <summary>One resolution: where, how, the survivor and the losers with their values.</summary>
public sealed record ConflictView(
    string Keyspace, string Key, string Region, string Resolver, ConflictKind Kind, IReadOnlyList<string> Regions, string? Winner, IReadOnlyList<ConflictLoserView> Losers, DateTimeOffset At)
{
    public static ConflictView From(ConflictRecord record) => new(
        record.Keyspace,
        record.Key,
        record.Region,
        record.Resolver,
        record.Kind,
        [.. record.Regions],
        record.Winner?.ToString(),
        [.. record.Losers.Select(ConflictLoserView.From)],
        DateTimeOffset.FromUnixTimeMilliseconds(record.AtMs));
}

/// <summary>A version that lost, with its value (base64 unless it is text), or a delete.</summary>
public sealed record ConflictLoserView(string Version, bool Deleted, string? ContentType, string? Text, string? Base64)
{
    public static ConflictLoserView From(Core.Versioning.VersionedValue loser)
    {
        var text = loser.Value is { } bytes && IsText(loser.ContentType) ? System.Text.Encoding.UTF8.GetString(bytes) : null;
        var base64 = loser.Value is { } raw && text is null ? Convert.ToBase64String(raw) : null;
        return new(loser.Version.ToString(), loser.IsTombstone, loser.ContentType, text, base64);
    }

    private static bool IsText(string? contentType) =>
        contentType is not null && (contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase) || contentType.Contains("json", StringComparison.OrdinalIgnoreCase));
}
