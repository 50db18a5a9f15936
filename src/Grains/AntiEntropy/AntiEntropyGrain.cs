using System.Collections.Immutable;
using GeoStore.Abstractions.Catalog;
using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Abstractions.Options;
using GeoStore.Core.AntiEntropy;
using GeoStore.Core.Replication;
using GeoStore.Grains.Observability;
using GeoStore.Grains.Placement;
using GeoStore.Grains.Registers;
using GeoStore.Grains.Storage;
using GeoStore.Grains.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace GeoStore.Grains.AntiEntropy;

/// <summary>
/// One region's anti-entropy for one keyspace. This file answers peers: trees built from a storage
/// scan, their levels, and the digests of keys in given ranges; the repair round is in
/// <c>AntiEntropyGrain.Round.cs</c> and the tombstone purge in <c>AntiEntropyGrain.Tombstones.cs</c>.
/// </summary>
/// <remarks>
/// Reentrant, because two regions may run rounds against each other at once: each round waits on
/// the other's grain, and a grain that took one call at a time would hold both until they timed
/// out. Nothing here holds state across an await except the kept trees, each built whole before it
/// is kept, and the running round, which a second caller joins.
/// </remarks>
[RegionPlacement, Reentrant]
public sealed partial class AntiEntropyGrain(
    IRegisterStateScanner scanner,
    IRegionTransport transport,
    KeyspaceCache keyspaces,
    GeoStoreMetrics metrics,
    IOptions<GeoStoreOptions> options,
    TimeProvider time,
    ILogger<AntiEntropyGrain> logger) : Grain, IAntiEntropyGrain
{
    /// <summary>Levels of every replica's tree: 1024 leaf ranges. Both sides of a walk must agree, so it is fixed.</summary>
    public const int TreeDepth = 10;

    /// <summary>Trees kept for peers' walks; a walk whose tree was dropped fails and the next round retries.</summary>
    private const int KeptTrees = 8;

    private readonly Dictionary<Guid, MerkleTree> _trees = [];
    private readonly Queue<Guid> _treeOrder = new();
    private AntiEntropyKey _key;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = AntiEntropyKey.Parse(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public async Task<MerkleSnapshot> Snapshot()
    {
        var tree = await BuildTreeAsync(CancellationToken.None);
        var id = Guid.NewGuid();
        _trees[id] = tree;
        _treeOrder.Enqueue(id);
        while (_treeOrder.Count > KeptTrees)
        {
            _trees.Remove(_treeOrder.Dequeue());
        }

        return new MerkleSnapshot(id, tree.Depth, tree.Count, tree.Root);
    }

    public Task<MerkleLevel> Level(Guid snapshot, MerkleLevelRequest request) =>
        _trees.TryGetValue(snapshot, out var tree)
            ? Task.FromResult(tree.Level(request))
            : throw new InvalidOperationException($"Region {_key.Region} no longer keeps tree {snapshot} of keyspace {_key.Keyspace}; run the round again.");

    public async Task<ImmutableArray<KeyDigest>> DigestsIn(ImmutableArray<HashRange> ranges)
    {
        var sorted = ranges.IsDefaultOrEmpty ? [] : ranges.Sort((a, b) => a.From.CompareTo(b.From));
        var digests = ImmutableArray.CreateBuilder<KeyDigest>();
        if (sorted.IsEmpty)
        {
            return digests.DrainToImmutable();
        }

        await foreach (var stored in scanner.ScanAsync(_key.Region, _key.Keyspace))
        {
            if (InAny(sorted, ShardMap.KeyHash(_key.Keyspace, stored.Key)) && DigestOf(stored.Key, stored.State) is { } digest)
            {
                digests.Add(digest);
            }
        }

        return digests.DrainToImmutable();
    }

    public async Task<ImmutableArray<KeyDigest>> DigestsOf(ImmutableArray<string> keys)
    {
        var digests = ImmutableArray.CreateBuilder<KeyDigest>();
        foreach (var chunk in (keys.IsDefault ? [] : keys).Chunk(32))
        {
            var states = await Task.WhenAll(chunk.Select(key => scanner.ReadAsync(_key.Region, _key.Keyspace, key)));
            for (var i = 0; i < chunk.Length; i++)
            {
                if (states[i] is { } state && DigestOf(chunk[i], state) is { } digest)
                {
                    digests.Add(digest);
                }
            }
        }

        return digests.DrainToImmutable();
    }

    private static KeyDigest? DigestOf(string key, RegisterState state) =>
        ReplicaDigest.Of(state.Current, state.Merged) is { } digest
            ? new KeyDigest(key, digest, ReplicaDigest.TombstoneOf(state.Current, state.Merged))
            : null;

    /// <summary>This replica's tree, from a storage scan: memory holds the tree, never the keys.</summary>
    private async Task<MerkleTree> BuildTreeAsync(CancellationToken cancellationToken)
    {
        var tree = new MerkleTree(TreeDepth);
        await foreach (var stored in scanner.ScanAsync(_key.Region, _key.Keyspace, cancellationToken))
        {
            if (ReplicaDigest.Of(stored.State.Current, stored.State.Merged) is { } digest)
            {
                tree.Add(ShardMap.KeyHash(_key.Keyspace, stored.Key), digest);
            }
        }

        return tree;
    }

    /// <summary>Whether <paramref name="hash"/> is in one of <paramref name="sorted"/> (disjoint, ordered by start).</summary>
    private static bool InAny(ImmutableArray<HashRange> sorted, ulong hash)
    {
        var (low, high) = (0, sorted.Length - 1);
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            if (sorted[middle].Contains(hash))
            {
                return true;
            }

            if (hash < sorted[middle].From)
            {
                high = middle - 1;
            }
            else
            {
                low = middle + 1;
            }
        }

        return false;
    }
}
