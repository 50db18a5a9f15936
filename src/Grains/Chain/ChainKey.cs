namespace GeoStore.Grains.Chain;

/// <summary>The parts of a chain replica's grain key <c>region/keyspace/key</c> (the key may hold '/').</summary>
public readonly record struct ChainKey(string Region, string Keyspace, string Key)
{
    /// <summary>
    /// The chain replicas' grain type, the first part of their grain ids (<c>chain/region/keyspace/key</c>),
    /// which storage keys by: pinned so that renaming the class never orphans stored replicas.
    /// </summary>
    public const string GrainType = "chain";

    public static string Format(string region, string keyspace, string key) => $"{region}/{keyspace}/{key}";

    public static ChainKey Parse(string grainKey)
    {
        var first = grainKey.IndexOf('/');
        var second = first < 0 ? -1 : grainKey.IndexOf('/', first + 1);
        if (first <= 0 || second <= first + 1)
        {
            throw new ArgumentException($"'{grainKey}' is not a chain replica key (region/keyspace/key).", nameof(grainKey));
        }

        return new ChainKey(grainKey[..first], grainKey[(first + 1)..second], grainKey[(second + 1)..]);
    }
}
