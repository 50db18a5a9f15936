using System.Text;

namespace GeoStore.Grains.Storage.AzureTables;

/// <summary>
/// GeoStore's table names: one table per region and kind (<c>gs{region}{kind}</c>, letters and
/// digits only, as the Table service requires), so a region's data can live in its own account.
/// </summary>
public static class TableNames
{
    public const string Grains = "grains";
    public const string Log = "log";

    public static string For(string region, string kind)
    {
        var name = new StringBuilder("gs");
        foreach (var c in region)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                name.Append(char.ToLowerInvariant(c));
            }
        }

        name.Append(kind);
        return name.Length <= 63 ? name.ToString() : name.ToString()[..63];
    }
}
