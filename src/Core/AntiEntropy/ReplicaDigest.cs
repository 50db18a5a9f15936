using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using GeoStore.Core.Replication;
using GeoStore.Core.Versioning;

namespace GeoStore.Core.AntiEntropy;

/// <summary>
/// The digest anti-entropy pairs with a key: a canonical encoding of what one replica holds, run
/// through <see cref="StateDigest.Of"/>. A single-value (Lww) replica is its surviving version and
/// whether it is a tombstone (a version names one write everywhere, so the bytes add nothing); a
/// sibling-set (MultiValue) replica is every sibling's dot, version and tombstone flag, and the
/// set's causal context. Two replicas have equal digests exactly when a merge of either into the
/// other would change nothing that is served. The encoding is part of the wire contract between
/// regions: changing it makes every key of a mixed-version pair look divergent once.
/// </summary>
public static class ReplicaDigest
{
    private const byte SingleValue = 1;
    private const byte SiblingSet = 2;

    /// <summary>
    /// The digest of a replica holding <paramref name="current"/> and <paramref name="merged"/>, or
    /// null when it holds nothing anti-entropy compares (no version, or only a CRDT state, which no
    /// Leaderless keyspace has).
    /// </summary>
    public static ulong? Of(VersionedValue? current, ReplicatedState? merged)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        if (merged?.Siblings is { } siblings)
        {
            WriteByte(buffer, SiblingSet);
            WriteInt64(buffer, siblings.Siblings.Length);
            foreach (var sibling in siblings.Siblings)
            {
                WriteString(buffer, sibling.Dot.Region);
                WriteInt64(buffer, sibling.Dot.Counter);
                WriteVersion(buffer, sibling.Value.Version);
                WriteByte(buffer, sibling.IsTombstone ? (byte)1 : (byte)0);
            }

            WriteInt64(buffer, siblings.Context.Entries.Length);
            foreach (var dot in siblings.Context.Entries)
            {
                WriteString(buffer, dot.Region);
                WriteInt64(buffer, dot.Counter);
            }
        }
        else if (current is not null)
        {
            WriteByte(buffer, SingleValue);
            WriteVersion(buffer, current.Version);
            WriteByte(buffer, current.IsTombstone ? (byte)1 : (byte)0);
        }
        else
        {
            return null;
        }

        return StateDigest.Of(buffer.WrittenSpan);
    }

    /// <summary>
    /// The version of the delete a replica holds when all it holds is a delete: a single-value
    /// tombstone, or a sibling set whose siblings are all tombstones (the newest one's version).
    /// Null when the replica holds a live value, or nothing.
    /// </summary>
    public static WriteVersion? TombstoneOf(VersionedValue? current, ReplicatedState? merged)
    {
        if (merged?.Siblings is { } siblings)
        {
            return siblings.Siblings.Length > 0 && siblings.IsEmptyOrDeleted ? siblings.Newest?.Version : null;
        }

        return current is { IsTombstone: true } ? current.Version : null;
    }

    private static void WriteVersion(ArrayBufferWriter<byte> buffer, WriteVersion version)
    {
        WriteInt64(buffer, version.Timestamp.WallMs);
        WriteInt64(buffer, version.Timestamp.Logical);
        WriteString(buffer, version.Region);
    }

    private static void WriteByte(ArrayBufferWriter<byte> buffer, byte value)
    {
        buffer.GetSpan(1)[0] = value;
        buffer.Advance(1);
    }

    private static void WriteInt64(ArrayBufferWriter<byte> buffer, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(buffer.GetSpan(8), value);
        buffer.Advance(8);
    }

    private static void WriteString(ArrayBufferWriter<byte> buffer, string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteInt64(buffer, length);
        buffer.Advance(Encoding.UTF8.GetBytes(value, buffer.GetSpan(length)));
    }
}
