namespace GeoStore.Core.Regions;

/// <summary>
/// Region names and the region part of per-region grain keys. A per-region grain's key starts
/// with its region: <c>us-east/…</c> (registers, log shards, inboxes) or <c>us-east-&gt;eu-west/…</c>
/// (replication links, which live in the region they ship from).
/// </summary>
public static class RegionNames
{
    public const int MaxLength = 32;

    public static string? Validate(string? region)
    {
        if (string.IsNullOrEmpty(region) || region.Length > MaxLength)
        {
            return $"A region name has 1 to {MaxLength} characters.";
        }

        foreach (var c in region)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c != '-')
            {
                return $"A region name holds only a-z, 0-9 and '-': '{region}'.";
            }
        }

        return null;
    }

    /// <summary>The region a per-region grain key belongs to, or null when the key names none.</summary>
    public static string? RegionOfKey(ReadOnlySpan<char> grainKey)
    {
        var slash = grainKey.IndexOf('/');
        var head = slash < 0 ? grainKey : grainKey[..slash];
        var arrow = head.IndexOf("->", StringComparison.Ordinal);
        if (arrow >= 0)
        {
            head = head[..arrow];
        }

        return head.IsEmpty ? null : head.ToString();
    }

    public static IReadOnlyList<string> Parse(string? commaSeparated) =>
        (commaSeparated ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
