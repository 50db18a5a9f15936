using System.Collections.Immutable;

namespace GeoStore.Core.AntiEntropy;

/// <summary>
/// Compares two replicas' trees level by level across the network: fetch the roots; where they
/// differ, fetch the children of the differing nodes; repeat down to the leaves. Each round asks
/// both sides for the same nodes, so the nodes exchanged grow with differences × depth, not with
/// the number of keys.
/// </summary>
public static class MerkleExchange
{
    /// <summary>
    /// Walks both trees and returns the leaf ranges whose keys differ, the same ranges as
    /// <see cref="MerkleTree.Diff"/> would on the two trees.
    /// </summary>
    /// <exception cref="InvalidOperationException">The trees differ in depth, or a side answered other nodes than asked.</exception>
    public static async Task<MerkleExchangeResult> FindDifferencesAsync(
        MerkleLevelFetcher local, MerkleLevelFetcher remote, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(local);
        ArgumentNullException.ThrowIfNull(remote);
        var request = MerkleLevelRequest.Root;
        var exchanged = 0;
        var rounds = 0;
        int? depth = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var ours = local(request, cancellationToken).AsTask();
            var theirs = remote(request, cancellationToken).AsTask();
            await Task.WhenAll(ours, theirs).ConfigureAwait(false);
            var (a, b) = (await ours.ConfigureAwait(false), await theirs.ConfigureAwait(false));
            rounds++;
            exchanged += a.Nodes.Length + b.Nodes.Length;
            CheckAnswer(request, a, "local");
            CheckAnswer(request, b, "remote");
            depth ??= a.Depth;
            if (a.Depth != depth || b.Depth != depth || depth is < 0 or > MerkleTree.MaxDepth)
            {
                throw new InvalidOperationException($"Trees of depth {a.Depth} and {b.Depth} cannot be compared.");
            }

            var differing = new List<int>();
            for (var i = 0; i < a.Nodes.Length; i++)
            {
                if (a.Nodes[i].Hash != b.Nodes[i].Hash)
                {
                    differing.Add(a.Nodes[i].Index);
                }
            }

            if (differing.Count == 0)
            {
                return new MerkleExchangeResult([], exchanged, rounds);
            }

            if (request.Level == depth)
            {
                differing.Sort();
                return new MerkleExchangeResult(MerkleTree.LeafRanges(depth.Value, differing), exchanged, rounds);
            }

            request = MerkleLevelRequest.ChildrenOf(request.Level, differing);
        }
    }

    private static void CheckAnswer(MerkleLevelRequest request, MerkleLevel answer, string side)
    {
        if (answer is null || answer.Level != request.Level || answer.Nodes.Length != request.Indexes.Length)
        {
            throw new InvalidOperationException($"The {side} replica did not answer the nodes asked of level {request.Level}.");
        }

        for (var i = 0; i < answer.Nodes.Length; i++)
        {
            if (answer.Nodes[i].Index != request.Indexes[i])
            {
                throw new InvalidOperationException($"The {side} replica did not answer the nodes asked of level {request.Level}.");
            }
        }
    }
}
