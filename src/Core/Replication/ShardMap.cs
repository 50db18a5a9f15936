using System.Text;

namespace GeoStore.Core.Replication;

/// <summary>
/// Maps a (keyspace, key) to a log shard. Stable across processes and versions (FNV-1a, not
/// <see cref="string.GetHashCode()"/>), because every region must pick the same shard for a key.
/// </summary>
public static class ShardMap
{
    public static int ShardOf(string keyspace, string key, int shardCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        return (int)(KeyHash(keyspace, key) % (ulong)shardCount);
    }

    /// <summary>The key's stable 64-bit FNV-1a hash over keyspace, a newline and key, in UTF-8.</summary>
    public static ulong KeyHash(string keyspace, string key)
    {
        const ulong offset = 14695981039346656037UL;
        const ulong prime = 1099511628211UL;
        var hash = offset;
        Span<byte> buffer = stackalloc byte[256];
        foreach (var part in (ReadOnlySpan<string>)[keyspace, "\n", key])
        {
            var bytes = Encoding.UTF8.GetByteCount(part) <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(part, buffer)] : Encoding.UTF8.GetBytes(part);
            foreach (var b in bytes)
            {
                hash = (hash ^ b) * prime;
            }
        }

        return hash;
    }
}
