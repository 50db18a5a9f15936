namespace GeoStore.Core.AntiEntropy;

/// <summary>
/// A contiguous range <paramref name="From"/>..<paramref name="ToInclusive"/> of the 64-bit key-hash
/// space (<see cref="Replication.ShardMap.KeyHash"/>). Anti-entropy names the keys to compare by such
/// ranges, and storage pages through the keys of one range at a time.
/// </summary>
[GenerateSerializer, Immutable]
public readonly record struct HashRange([property: Id(0)] ulong From, [property: Id(1)] ulong ToInclusive)
{
    /// <summary>The whole hash space.</summary>
    public static HashRange Full { get; } = new(0, ulong.MaxValue);

    /// <summary>How many hashes the range holds; 2^64 for <see cref="Full"/>, hence 128 bits.</summary>
    public UInt128 Size => (UInt128)ToInclusive - From + 1;

    public bool Contains(ulong keyHash) => keyHash >= From && keyHash <= ToInclusive;

    /// <summary>
    /// Splits the range into <paramref name="parts"/> contiguous ranges of (nearly) equal size, in
    /// order, covering it exactly: the pages a storage scan walks one at a time, so that no scan
    /// holds more than a page of keys.
    /// </summary>
    public IEnumerable<HashRange> Split(int parts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parts, 1);
        if ((uint)parts > Size)
        {
            throw new ArgumentOutOfRangeException(nameof(parts), parts, $"The range {this} holds fewer than {parts} hashes.");
        }

        return Pages(this, parts);

        static IEnumerable<HashRange> Pages(HashRange range, int parts)
        {
            var size = range.Size;
            for (var part = 0; part < parts; part++)
            {
                var from = range.From + (ulong)(size * (uint)part / (uint)parts);
                var to = range.From + (ulong)(size * (uint)(part + 1) / (uint)parts - 1);
                yield return new HashRange(from, to);
            }
        }
    }

    public override string ToString() => $"[{From:x16}..{ToInclusive:x16}]";
}
