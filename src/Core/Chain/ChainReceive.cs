namespace GeoStore.Core.Chain;

/// <summary>
/// What <see cref="ChainKeyReplica.Receive"/> made of a batch of updates: the replica after it,
/// how many updates were new, and whether it stopped at a gap (an update missing before one given:
/// the member lost what it held, and must copy the key from its predecessor).
/// </summary>
public sealed record ChainReceive(ChainKeyReplica Replica, int Applied, bool Gap);
