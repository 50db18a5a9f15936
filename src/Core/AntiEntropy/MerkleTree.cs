using System.Collections.Immutable;

namespace GeoStore.Core.AntiEntropy;

/// <summary>
/// A fixed-depth binary Merkle tree over the 64-bit key-hash space that summarises the
/// (key hash, state digest) pairs one replica holds for one keyspace. Leaf <c>i</c> of
/// <c>2^depth</c> covers the hashes whose top <c>depth</c> bits are <c>i</c>; its hash is the
/// wrapping sum of a mixed hash of each pair in it, so the tree does not depend on insertion order
/// and adding, removing or updating one pair rehashes one leaf and its path, O(depth). An inner
/// node hashes its two children; an empty subtree hashes to 0.
/// </summary>
/// <remarks>
/// <para>
/// The tree is a summary, not an index: it cannot tell which pairs it holds, so the caller must
/// <see cref="Remove"/> or <see cref="Update"/> only pairs it added. A key holds one pair (its
/// current digest); a tombstone is a state like any other, with its own digest. Purging a tombstone
/// after the grace period is the caller's job, and is safe only once every replica holds the
/// tombstone; purge it from storage and this tree together.
/// </para>
/// <para>Not thread-safe: one owner (for example one anti-entropy grain activation) mutates it.</para>
/// </remarks>
public sealed class MerkleTree
{
    /// <summary>Children per inner node.</summary>
    public const int Fanout = 2;

    /// <summary>The deepest tree allowed: 2^20 leaves, 16 MiB of nodes.</summary>
    public const int MaxDepth = 20;

    // Heap layout: level l starts at 2^l - 1; the children of (l, i) are (l + 1, 2i) and (l + 1, 2i + 1).
    private readonly ulong[] _nodes;

    /// <summary>An empty tree with <c>2^<paramref name="depth"/></c> leaf ranges (depth 10: 1024).</summary>
    public MerkleTree(int depth)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(depth);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(depth, MaxDepth);
        Depth = depth;
        _nodes = new ulong[(1 << (depth + 1)) - 1];
    }

    /// <summary>Levels below the root; the leaves are level <see cref="Depth"/>.</summary>
    public int Depth { get; }

    public int LeafCount => 1 << Depth;

    /// <summary>How many pairs the tree holds.</summary>
    public long Count { get; private set; }

    /// <summary>The root hash; 0 for an empty tree. Equal roots mean equal pair sets (up to 64-bit collisions).</summary>
    public ulong Root => _nodes[0];

    /// <summary>A tree holding <paramref name="pairs"/>.</summary>
    public static MerkleTree Of(int depth, IEnumerable<KeyValuePair<ulong, ulong>> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var tree = new MerkleTree(depth);
        foreach (var (keyHash, digest) in pairs)
        {
            tree.Add(keyHash, digest);
        }

        return tree;
    }

    /// <summary>The hash of node <paramref name="index"/> of <paramref name="level"/> (0 is the root).</summary>
    public ulong Node(int level, int index)
    {
        CheckNode(level, index);
        return _nodes[(1 << level) - 1 + index];
    }

    /// <summary>The leaf whose range holds <paramref name="keyHash"/>.</summary>
    public int LeafOf(ulong keyHash) => Depth == 0 ? 0 : (int)(keyHash >> (64 - Depth));

    /// <summary>The hashes node <paramref name="index"/> of <paramref name="level"/> covers.</summary>
    public HashRange RangeOf(int level, int index)
    {
        CheckNode(level, index);
        return RangeAt(level, index);
    }

    public void Add(ulong keyHash, ulong digest)
    {
        Count++;
        Change(keyHash, HashMix.Pair(keyHash, digest));
    }

    public void Remove(ulong keyHash, ulong digest)
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("The tree is empty; only pairs that were added can be removed.");
        }

        Count--;
        Change(keyHash, 0 - HashMix.Pair(keyHash, digest));
    }

    /// <summary>The key's state changed: replaces the pair (keyHash, oldDigest) with (keyHash, newDigest).</summary>
    public void Update(ulong keyHash, ulong oldDigest, ulong newDigest)
    {
        if (oldDigest != newDigest)
        {
            Change(keyHash, HashMix.Pair(keyHash, newDigest) - HashMix.Pair(keyHash, oldDigest));
        }
    }

    /// <summary>The requested nodes of one level, to answer a peer's <see cref="MerkleLevelRequest"/>.</summary>
    public MerkleLevel Level(MerkleLevelRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var nodes = ImmutableArray.CreateBuilder<MerkleNode>(request.Indexes.Length);
        foreach (var index in request.Indexes)
        {
            nodes.Add(new MerkleNode(index, Node(request.Level, index)));
        }

        return new MerkleLevel(Depth, request.Level, nodes.MoveToImmutable());
    }

    /// <summary>
    /// The indexes of the nodes in <paramref name="theirs"/> whose hash differs from this tree's: a
    /// replica's answer when a peer sends it a level, telling the peer which children to descend into.
    /// </summary>
    public ImmutableArray<int> DifferingNodes(MerkleLevel theirs)
    {
        ArgumentNullException.ThrowIfNull(theirs);
        if (theirs.Depth != Depth)
        {
            throw new ArgumentException($"A tree of depth {theirs.Depth} cannot be compared with one of depth {Depth}.", nameof(theirs));
        }

        var differing = ImmutableArray.CreateBuilder<int>();
        foreach (var node in theirs.Nodes)
        {
            if (Node(theirs.Level, node.Index) != node.Hash)
            {
                differing.Add(node.Index);
            }
        }

        return differing.DrainToImmutable();
    }

    /// <summary>
    /// The leaf ranges where <paramref name="a"/> and <paramref name="b"/> differ, in order and merged
    /// when adjacent; empty when the trees are equal. Descends only into differing subtrees, so the
    /// work is O(differing leaves × depth), not O(leaves).
    /// </summary>
    public static IReadOnlyList<HashRange> Diff(MerkleTree a, MerkleTree b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Depth != b.Depth)
        {
            throw new ArgumentException($"Trees of depth {a.Depth} and {b.Depth} cannot be compared.", nameof(b));
        }

        var leaves = new List<int>();
        var pending = new Stack<(int Level, int Index)>();
        pending.Push((0, 0));
        while (pending.TryPop(out var node))
        {
            var slot = (1 << node.Level) - 1 + node.Index;
            if (a._nodes[slot] == b._nodes[slot])
            {
                continue;
            }

            if (node.Level == a.Depth)
            {
                leaves.Add(node.Index);
                continue;
            }

            // Right child first, so leaves come off the stack left to right.
            pending.Push((node.Level + 1, (node.Index * Fanout) + 1));
            pending.Push((node.Level + 1, node.Index * Fanout));
        }

        return LeafRanges(a.Depth, leaves);
    }

    /// <summary>The ranges of the given leaves (ascending) of a tree of <paramref name="depth"/>, adjacent ones merged.</summary>
    internal static ImmutableArray<HashRange> LeafRanges(int depth, IEnumerable<int> ascendingLeaves)
    {
        var ranges = ImmutableArray.CreateBuilder<HashRange>();
        foreach (var leaf in ascendingLeaves)
        {
            var range = RangeAt(depth, leaf);
            if (ranges.Count > 0 && ranges[^1].ToInclusive != ulong.MaxValue && ranges[^1].ToInclusive + 1 == range.From)
            {
                ranges[^1] = ranges[^1] with { ToInclusive = range.ToInclusive };
            }
            else
            {
                ranges.Add(range);
            }
        }

        return ranges.DrainToImmutable();
    }

    private void Change(ulong keyHash, ulong leafDelta)
    {
        var index = LeafOf(keyHash);
        var slot = (1 << Depth) - 1 + index;
        _nodes[slot] += leafDelta;
        for (var level = Depth; level > 0; level--)
        {
            var left = slot - (index & 1);
            index >>= 1;
            slot = (1 << (level - 1)) - 1 + index;
            _nodes[slot] = HashMix.Children(_nodes[left], _nodes[left + 1]);
        }
    }

    private static HashRange RangeAt(int level, int index)
    {
        if (level == 0)
        {
            return HashRange.Full;
        }

        var shift = 64 - level;
        var from = (ulong)index << shift;
        return new HashRange(from, from + ((1UL << shift) - 1));
    }

    private void CheckNode(int level, int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, Depth);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, 1 << level);
    }
}
