namespace GeoStore.Core.AntiEntropy;

/// <summary>
/// Fetches the requested nodes of one replica's tree: <see cref="MerkleTree.Level"/> for the local
/// tree, a grain call for a remote one.
/// </summary>
public delegate ValueTask<MerkleLevel> MerkleLevelFetcher(MerkleLevelRequest request, CancellationToken cancellationToken);
