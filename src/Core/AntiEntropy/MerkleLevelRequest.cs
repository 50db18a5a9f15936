using System.Collections.Immutable;

namespace GeoStore.Core.AntiEntropy;

/// <summary>Asks a replica for the nodes <paramref name="Indexes"/> of tree level <paramref name="Level"/> (0 is the root).</summary>
[GenerateSerializer, Immutable]
public sealed record MerkleLevelRequest([property: Id(0)] int Level, [property: Id(1)] ImmutableArray<int> Indexes)
{
    /// <summary>The first request of a walk: the root alone.</summary>
    public static MerkleLevelRequest Root { get; } = new(0, [0]);

    /// <summary>The children, one level down, of the given nodes of <paramref name="parentLevel"/>.</summary>
    public static MerkleLevelRequest ChildrenOf(int parentLevel, IEnumerable<int> parentIndexes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(parentLevel);
        ArgumentNullException.ThrowIfNull(parentIndexes);
        var children = ImmutableArray.CreateBuilder<int>();
        foreach (var parent in parentIndexes)
        {
            children.Add(parent * MerkleTree.Fanout);
            children.Add((parent * MerkleTree.Fanout) + 1);
        }

        return new MerkleLevelRequest(parentLevel + 1, children.DrainToImmutable());
    }
}
