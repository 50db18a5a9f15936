using GeoStore.Core.Replication;

namespace GeoStore.Grains.Registers;

/// <summary>The parts of a register's grain key <c>region/keyspace/key</c> (the key may hold '/').</summary>
public readonly record struct RegisterKey(string Region, string Keyspace, string Key)
{
    /// <summary>
    /// The registers' grain type, the first part of every register's grain id (<c>register/region/keyspace/key</c>),
    /// which storage keys and scans by: pinned so that renaming the class never orphans stored registers.
    /// </summary>
    public const string GrainType = "register";

    public static string Format(string region, string keyspace, string key) => $"{region}/{keyspace}/{key}";

    public static RegisterKey Parse(string grainKey)
    {
        var first = grainKey.IndexOf('/');
        var second = first < 0 ? -1 : grainKey.IndexOf('/', first + 1);
        if (first <= 0 || second <= first + 1)
        {
            throw new ArgumentException($"'{grainKey}' is not a register key (region/keyspace/key).", nameof(grainKey));
        }

        return new RegisterKey(grainKey[..first], grainKey[(first + 1)..second], grainKey[(second + 1)..]);
    }

    public int Shard(int shardCount) => ShardMap.ShardOf(Keyspace, Key, shardCount);
}
