namespace GeoStore.Core.Tests.AntiEntropy;

/// <summary>Random (key hash → digest) sets for the tree tests, drawn from a seeded <see cref="Random"/>.</summary>
internal static class PairSets
{
    public static ulong NextHash(Random random)
    {
        Span<byte> bytes = stackalloc byte[8];
        random.NextBytes(bytes);
        return BitConverter.ToUInt64(bytes);
    }

    /// <summary>
    /// <paramref name="count"/> pairs; half the key hashes crowd into the first few leaf ranges so
    /// leaves often hold several keys, and digests come from a small space so equal digests are common.
    /// </summary>
    public static Dictionary<ulong, ulong> Random(Random random, int count)
    {
        var pairs = new Dictionary<ulong, ulong>();
        while (pairs.Count < count)
        {
            var hash = NextHash(random);
            if (random.Next(2) == 0)
            {
                hash >>= 60;
                hash |= (ulong)random.Next(4) << 62;
            }

            pairs[hash] = (ulong)random.Next(8);
        }

        return pairs;
    }

    /// <summary>A copy of <paramref name="pairs"/> with <paramref name="changes"/> keys removed, re-digested or added.</summary>
    public static Dictionary<ulong, ulong> Diverge(Random random, Dictionary<ulong, ulong> pairs, int changes)
    {
        var copy = new Dictionary<ulong, ulong>(pairs);
        var keys = pairs.Keys.ToArray();
        for (var i = 0; i < changes; i++)
        {
            switch (keys.Length == 0 ? 2 : random.Next(3))
            {
                case 0:
                    copy.Remove(keys[random.Next(keys.Length)]);
                    break;
                case 1:
                    var key = keys[random.Next(keys.Length)];
                    copy[key] = pairs[key] + 1 + (ulong)random.Next(8);
                    break;
                default:
                    copy[NextHash(random)] = (ulong)random.Next(8);
                    break;
            }
        }

        return copy;
    }

    /// <summary>The key hashes whose pair is in one set and not the other.</summary>
    public static HashSet<ulong> Differing(Dictionary<ulong, ulong> a, Dictionary<ulong, ulong> b) =>
        [.. a.Keys.Union(b.Keys).Where(key => !a.TryGetValue(key, out var x) || !b.TryGetValue(key, out var y) || x != y)];
}
