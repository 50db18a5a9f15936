namespace GeoStore.Grains.AntiEntropy;

/// <summary>The anti-entropy grain's key <c>region/keyspace</c>: one per keyspace in each region.</summary>
public readonly record struct AntiEntropyKey(string Region, string Keyspace)
{
    public static string Format(string region, string keyspace) => $"{region}/{keyspace}";

    public static AntiEntropyKey Parse(string grainKey)
    {
        var slash = grainKey.IndexOf('/');
        if (slash <= 0 || slash == grainKey.Length - 1 || grainKey.IndexOf('/', slash + 1) >= 0)
        {
            throw new ArgumentException($"'{grainKey}' is not an anti-entropy key (region/keyspace).", nameof(grainKey));
        }

        return new AntiEntropyKey(grainKey[..slash], grainKey[(slash + 1)..]);
    }
}
