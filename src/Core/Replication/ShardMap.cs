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

        return (int)(hash % (ulong)shardCount);
    }
}
