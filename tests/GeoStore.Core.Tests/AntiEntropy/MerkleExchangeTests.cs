using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GeoStore.Core.AntiEntropy;
using Shouldly;

namespace GeoStore.Core.Tests.AntiEntropy;

public sealed class MerkleExchangeTests
{
    private static MerkleLevelFetcher Serving(MerkleTree tree) =>
        (request, _) => ValueTask.FromResult(tree.Level(request));

    [Property(MaxTest = 100)]
    public Property The_exchange_finds_what_diff_finds_and_sends_nodes_in_proportion_to_differences_times_depth() =>
        Prop.ForAll(
            Gen.Choose(1, 12).ToArbitrary(),
            Gen.Choose(0, 2_000).ToArbitrary(),
            Gen.Choose(0, int.MaxValue).ToArbitrary(),
            (depth, size, seed) =>
            {
                var random = new Random(seed);
                var changes = random.Next(21);
                var a = PairSets.Random(random, size);
                var b = PairSets.Diverge(random, a, changes);
                var d = PairSets.Differing(a, b).Count;
                var (treeA, treeB) = (MerkleTree.Of(depth, a), MerkleTree.Of(depth, b));

                var result = MerkleExchange.FindDifferencesAsync(Serving(treeA), Serving(treeB), TestContext.Current.CancellationToken)
                    .GetAwaiter().GetResult();

                return result.Ranges.SequenceEqual(MerkleTree.Diff(treeA, treeB))
                    && result.NodesExchanged <= 2 * (d + 1) * depth * MerkleTree.Fanout
                    && result.Rounds <= depth + 1;
            });

    [Theory]
    [InlineData(100)]
    [InlineData(50_000)]
    public async Task One_differing_key_costs_the_same_nodes_whatever_the_key_count(int keys)
    {
        var random = new Random(keys);
        var pairs = PairSets.Random(random, keys);
        var (local, remote) = (MerkleTree.Of(10, pairs), MerkleTree.Of(10, pairs));
        remote.Add(PairSets.NextHash(random), 1);

        var result = await MerkleExchange.FindDifferencesAsync(Serving(local), Serving(remote), TestContext.Current.CancellationToken);

        // The roots, then two children per level from each side.
        result.NodesExchanged.ShouldBe(2 + (10 * 2 * MerkleTree.Fanout));
        result.Rounds.ShouldBe(11);
        result.Ranges.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Equal_trees_exchange_only_their_roots()
    {
        var pairs = PairSets.Random(new Random(7), 1_000);

        var result = await MerkleExchange.FindDifferencesAsync(
            Serving(MerkleTree.Of(10, pairs)), Serving(MerkleTree.Of(10, pairs)), TestContext.Current.CancellationToken);

        result.ShouldBe(new MerkleExchangeResult([], NodesExchanged: 2, Rounds: 1));
    }

    [Fact]
    public async Task A_replica_with_another_tree_depth_is_refused()
    {
        await Should.ThrowAsync<InvalidOperationException>(() => MerkleExchange.FindDifferencesAsync(
            Serving(new MerkleTree(8)), Serving(new MerkleTree(10)), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_replica_answering_other_nodes_than_asked_is_refused()
    {
        var tree = new MerkleTree(4);
        tree.Add(1, 1);
        MerkleLevelFetcher wrong = (request, _) =>
            ValueTask.FromResult(tree.Level(request.Level == 0 ? request : request with { Indexes = request.Indexes.RemoveAt(0) }));

        await Should.ThrowAsync<InvalidOperationException>(() => MerkleExchange.FindDifferencesAsync(
            Serving(new MerkleTree(4)), wrong, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void A_replica_sent_a_level_answers_which_of_its_nodes_differ()
    {
        var (ours, theirs) = (new MerkleTree(3), new MerkleTree(3));
        ours.Add(0xF000_0000_0000_0000UL, 5);

        var differing = ours.DifferingNodes(theirs.Level(MerkleLevelRequest.ChildrenOf(0, [0])));

        differing.ShouldBe([1]);
    }
}
