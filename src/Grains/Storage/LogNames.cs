using System.Globalization;

namespace GeoStore.Grains.Storage;

/// <summary>Names of a region's logs in its <see cref="IReplicationLogStore"/>.</summary>
public static class LogNames
{
    /// <summary>One shard of the replication log.</summary>
    public static string Shard(int shard) => string.Create(CultureInfo.InvariantCulture, $"shard-{shard}");

    /// <summary>Writes held for <paramref name="target"/> while it is unreachable.</summary>
    public static string Hints(string target) => $"hints-{target}";

    /// <summary>One shard of the region's conflict log.</summary>
    public static string Conflicts(int shard) => string.Create(CultureInfo.InvariantCulture, $"conflicts-{shard}");
}
