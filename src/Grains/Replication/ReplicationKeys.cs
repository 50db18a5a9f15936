using System.Globalization;

namespace GeoStore.Grains.Replication;

/// <summary>Grain keys of the replication grains; each starts with the region the grain lives in.</summary>
public static class ReplicationKeys
{
    /// <summary><c>region/shard</c>: one shard of a region's log.</summary>
    public static string LogShard(string region, int shard) => string.Create(CultureInfo.InvariantCulture, $"{region}/{shard}");

    /// <summary><c>from-&gt;to/shard</c>: the link shipping one shard, living in <paramref name="from"/>.</summary>
    public static string Link(string from, string to, int shard) => string.Create(CultureInfo.InvariantCulture, $"{from}->{to}/{shard}");

    /// <summary><c>to/from/shard</c>: the receiving end of a link, living in <paramref name="to"/>.</summary>
    public static string Inbox(string to, string from, int shard) => string.Create(CultureInfo.InvariantCulture, $"{to}/{from}/{shard}");

    public static (string Region, int Shard) ParseLogShard(string key)
    {
        var slash = key.LastIndexOf('/');
        return (key[..slash], int.Parse(key[(slash + 1)..], CultureInfo.InvariantCulture));
    }

    public static (string From, string To, int Shard) ParseLink(string key)
    {
        var arrow = key.IndexOf("->", StringComparison.Ordinal);
        var slash = key.LastIndexOf('/');
        return (key[..arrow], key[(arrow + 2)..slash], int.Parse(key[(slash + 1)..], CultureInfo.InvariantCulture));
    }

    public static (string To, string From, int Shard) ParseInbox(string key)
    {
        var parts = key.Split('/');
        return (parts[0], parts[1], int.Parse(parts[2], CultureInfo.InvariantCulture));
    }
}
