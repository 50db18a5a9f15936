namespace GeoStore.AppHost.Cli;

/// <summary>
/// The <c>--regions</c> list. Names follow GeoStore's rule (1 to 32 of a-z, 0-9 and '-'), since
/// they also name resources; the silos and APIs check them again when they start.
/// </summary>
public static class RegionList
{
    public const int MaxNameLength = 32;

    public static IReadOnlyList<string> Parse(string? commaSeparated) =>
        (commaSeparated ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <returns>Why the list is not usable, or null when it is.</returns>
    public static string? Validate(string? commaSeparated)
    {
        var regions = Parse(commaSeparated);
        if (regions.Count == 0)
        {
            return "--regions needs at least one region.";
        }

        foreach (var region in regions)
        {
            if (region.Length > MaxNameLength || !region.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                return $"Region '{region}' is not valid: use 1 to {MaxNameLength} characters of a-z, 0-9 and '-'.";
            }
        }

        var duplicate = regions.GroupBy(r => r, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? null : $"Region '{duplicate.Key}' is listed twice.";
    }
}
