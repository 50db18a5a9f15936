using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GeoStore.Core.AntiEntropy;
using GeoStore.Core.Replication;
using Shouldly;

namespace GeoStore.Core.Tests.AntiEntropy;

public sealed class MerkleTreeTests
{
    private static readonly Arbitrary<int> Depths = Gen.Choose(0, 10).ToArbitrary();
    private static readonly Arbitrary<int> Sizes = Gen.Choose(0, 300).ToArbitrary();
    private static readonly Arbitrary<int> Seeds = Gen.Choose(0, int.MaxValue).ToArbitrary();

    private static ulong[] AllNodes(MerkleTree tree) =>
        [.. Enumerable.Range(0, tree.Depth + 1).SelectMany(level => Enumerable.Range(0, 1 << level).Select(index => tree.Node(level, index)))];

    [Property(MaxTest = 200)]
    public Property The_same_pairs_in_any_insertion_order_give_the_same_tree() =>
        Prop.ForAll(Depths, Sizes, Seeds, (depth, size, seed) =>
        {
            var random = new Random(seed);
            var pairs = PairSets.Random(random, size).ToArray();
            var shuffled = pairs.ToArray();
            random.Shuffle(shuffled);

            var a = MerkleTree.Of(depth, pairs);
            var b = MerkleTree.Of(depth, shuffled);

            return a.Root == b.Root && AllNodes(a).SequenceEqual(AllNodes(b)) && a.Count == size;
        });

    [Property(MaxTest = 200)]
    public Property Adding_then_removing_a_pair_restores_every_node() =>
        Prop.ForAll(Depths, Sizes, Seeds, (depth, size, seed) =>
        {
            var random = new Random(seed);
            var tree = MerkleTree.Of(depth, PairSets.Random(random, size));
            var before = AllNodes(tree);
            var (keyHash, digest) = (PairSets.NextHash(random), PairSets.NextHash(random));

            tree.Add(keyHash, digest);
            var changed = tree.Root != before[0];
            tree.Remove(keyHash, digest);

            return changed && AllNodes(tree).SequenceEqual(before) && tree.Count == size;
        });

    [Property(MaxTest = 200)]
    public Property Update_gives_the_tree_built_with_the_new_digest() =>
        Prop.ForAll(Depths, Gen.Choose(1, 300).ToArbitrary(), Seeds, (depth, size, seed) =>
        {
            var random = new Random(seed);
            var pairs = PairSets.Random(random, size);
            var tree = MerkleTree.Of(depth, pairs);
            var key = pairs.Keys.ElementAt(random.Next(pairs.Count));
            var oldDigest = pairs[key];
            pairs[key] = oldDigest + 1;

            tree.Update(key, oldDigest, oldDigest + 1);

            return AllNodes(tree).SequenceEqual(AllNodes(MerkleTree.Of(depth, pairs)));
        });

    [Property(MaxTest = 300)]
    public Property Diff_returns_exactly_the_leaf_ranges_holding_differing_keys() =>
        Prop.ForAll(Depths, Sizes, Seeds, (depth, size, seed) =>
        {
            var random = new Random(seed);
            var changes = random.Next(13);
            var a = PairSets.Random(random, size);
            var b = PairSets.Diverge(random, a, changes);
            var differing = PairSets.Differing(a, b);

            var ranges = MerkleTree.Diff(MerkleTree.Of(depth, a), MerkleTree.Of(depth, b));

            var everyDifferingKeyIsCovered = differing.All(key => ranges.Any(range => range.Contains(key)));
            var everyLeafHoldsADifferingKey = ranges
                .SelectMany(range => range.Split((int)(range.Size >> (64 - depth))))
                .All(leaf => differing.Any(leaf.Contains));
            var orderedAndMerged = ranges.Zip(ranges.Skip(1)).All(pair => pair.First.ToInclusive + 1 < pair.Second.From);
            return everyDifferingKeyIsCovered && everyLeafHoldsADifferingKey && orderedAndMerged && (ranges.Count == 0) == (differing.Count == 0);
        });

    [Property(MaxTest = 200)]
    public Property Diff_is_symmetric() =>
        Prop.ForAll(Depths, Sizes, Seeds, (depth, size, seed) =>
        {
            var random = new Random(seed);
            var changes = random.Next(13);
            var a = PairSets.Random(random, size);
            var (treeA, treeB) = (MerkleTree.Of(depth, a), MerkleTree.Of(depth, PairSets.Diverge(random, a, changes)));

            return MerkleTree.Diff(treeA, treeB).SequenceEqual(MerkleTree.Diff(treeB, treeA));
        });

    [Property(MaxTest = 100)]
    public Property Trees_of_the_same_pairs_have_no_differences() =>
        Prop.ForAll(Depths, Sizes, Seeds, (depth, size, seed) =>
        {
            var pairs = PairSets.Random(new Random(seed), size);
            return MerkleTree.Diff(MerkleTree.Of(depth, pairs), MerkleTree.Of(depth, pairs.Reverse())).Count == 0;
        });

    [Fact]
    public void Two_empty_trees_have_no_differences_and_a_zero_root()
    {
        var (a, b) = (new MerkleTree(10), new MerkleTree(10));

        MerkleTree.Diff(a, b).ShouldBeEmpty();
        a.Root.ShouldBe(0UL);
    }

    [Fact]
    public void An_empty_tree_differs_from_a_full_one_in_every_occupied_leaf()
    {
        var full = new MerkleTree(2);
        full.Add(0x0000_0000_0000_0001UL, 7);
        full.Add(0xC000_0000_0000_0000UL, 7);

        MerkleTree.Diff(new MerkleTree(2), full).ShouldBe(
        [
            new HashRange(0, 0x3FFF_FFFF_FFFF_FFFFUL),
            new HashRange(0xC000_0000_0000_0000UL, ulong.MaxValue),
        ]);
    }

    [Fact]
    public void Adjacent_differing_leaves_merge_into_one_range()
    {
        var (a, b) = (new MerkleTree(2), new MerkleTree(2));
        b.Add(0x4000_0000_0000_0000UL, 1);
        b.Add(0x8000_0000_0000_0000UL, 1);

        MerkleTree.Diff(a, b).ShouldBe([new HashRange(0x4000_0000_0000_0000UL, 0xBFFF_FFFF_FFFF_FFFFUL)]);
    }

    [Fact]
    public void A_key_whose_state_changed_in_one_region_is_found_by_its_shard_map_hash()
    {
        var keys = Enumerable.Range(0, 5_000).Select(i => $"user:{i}").ToArray();
        var usEast = MerkleTree.Of(10, keys.Select(key => KeyValuePair.Create(ShardMap.KeyHash("accounts", key), StateDigest.Of("v1"u8))));
        var euWest = MerkleTree.Of(10, keys.Select(key => KeyValuePair.Create(ShardMap.KeyHash("accounts", key), StateDigest.Of("v1"u8))));

        euWest.Update(ShardMap.KeyHash("accounts", "user:42"), StateDigest.Of("v1"u8), StateDigest.Of("v2"u8));

        var range = MerkleTree.Diff(usEast, euWest).ShouldHaveSingleItem();
        range.Contains(ShardMap.KeyHash("accounts", "user:42")).ShouldBeTrue();
        range.Size.ShouldBe(UInt128.One << 54);
    }

    [Fact]
    public void A_leaf_covers_the_hashes_whose_top_bits_are_its_index()
    {
        var tree = new MerkleTree(10);

        tree.LeafOf(0x0040_0000_0000_0000UL).ShouldBe(1);
        tree.LeafOf(ulong.MaxValue).ShouldBe(1023);
        tree.RangeOf(10, 1).ShouldBe(new HashRange(0x0040_0000_0000_0000UL, 0x007F_FFFF_FFFF_FFFFUL));
        tree.RangeOf(0, 0).ShouldBe(HashRange.Full);
        new MerkleTree(0).LeafOf(ulong.MaxValue).ShouldBe(0);
    }

    [Fact]
    public void Trees_of_different_depths_cannot_be_compared()
    {
        Should.Throw<ArgumentException>(() => MerkleTree.Diff(new MerkleTree(4), new MerkleTree(5)));
    }

    [Fact]
    public void Depth_outside_zero_to_the_maximum_is_rejected()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new MerkleTree(-1));
        Should.Throw<ArgumentOutOfRangeException>(() => new MerkleTree(MerkleTree.MaxDepth + 1));
    }

    [Fact]
    public void Removing_from_an_empty_tree_fails()
    {
        Should.Throw<InvalidOperationException>(() => new MerkleTree(3).Remove(1, 1));
    }
}
