namespace GeoStore.Core.AntiEntropy;

/// <summary>
/// The digest of one key's replica state, as <see cref="MerkleTree"/> pairs it with the key's hash.
/// What the bytes are (the stored version, or the whole state, a tombstone included) is the
/// caller's choice; two replicas agree on a key exactly when they digest equal bytes.
/// </summary>
public static class StateDigest
{
    /// <summary>
    /// A stable 64-bit digest: FNV-1a over <paramref name="state"/>, then mixed so that states
    /// differing in one byte differ in about half the bits. Not cryptographic.
    /// </summary>
    public static ulong Of(ReadOnlySpan<byte> state)
    {
        const ulong offset = 14695981039346656037UL;
        const ulong prime = 1099511628211UL;
        var hash = offset;
        foreach (var b in state)
        {
            hash = (hash ^ b) * prime;
        }

        return HashMix.Mix(hash ^ (ulong)state.Length);
    }
}
