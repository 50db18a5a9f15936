using GeoStore.Abstractions.Messages;
using Orleans.Concurrency;

namespace GeoStore.Abstractions.Grains;

/// <summary>
/// Ships one log shard from one region to another (grain key <c>from-&gt;to/shard</c>, placed in
/// <c>from</c>): in order, in batches, at least once, retrying while the peer is unreachable.
/// </summary>
public interface IReplicationLinkGrain : IRegionScopedGrain
{
    /// <summary>New entries may be waiting; ship them.</summary>
    [OneWay]
    Task Wake();

    Task<PeerLag> GetLag();
}
