namespace GeoStore.Core.AntiEntropy;

/// <summary>
/// Stable 64-bit mixing (the SplitMix64 finaliser): the same in every process and version, because
/// replicas in different regions must compute the same tree for the same pairs.
/// </summary>
internal static class HashMix
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    public static ulong Mix(ulong value)
    {
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
        return value ^ (value >> 31);
    }

    /// <summary>One (key hash, digest) pair's share of its leaf; not symmetric in its arguments.</summary>
    public static ulong Pair(ulong keyHash, ulong digest) => Mix(keyHash ^ Mix(digest + Golden));

    /// <summary>An inner node from its children. Empty subtrees stay 0, so an empty tree's root is 0.</summary>
    public static ulong Children(ulong left, ulong right) =>
        left == 0 && right == 0 ? 0 : Mix(left ^ Mix(right + Golden + Golden));
}
