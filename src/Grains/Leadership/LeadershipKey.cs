namespace GeoStore.Grains.Leadership;

/// <summary>The grain key <c>region/keyspace</c> of a region's view of one SingleLeader keyspace's leadership.</summary>
public static class LeadershipKey
{
    public static string Format(string region, string keyspace) => $"{region}/{keyspace}";

    public static (string Region, string Keyspace) Parse(string key)
    {
        var slash = key.IndexOf('/');
        return (key[..slash], key[(slash + 1)..]);
    }
}
