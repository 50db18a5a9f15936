using GeoStore.Abstractions.Messages;
using GeoStore.Core.Leadership;

namespace GeoStore.Abstractions.Grains;

/// <summary>
/// One region's view of who leads one SingleLeader keyspace (grain key <c>region/keyspace</c>): the
/// newest epoch the region has learned, durably. Learned from the catalog when first activated, then
/// only through the data plane (a failover's announcement, an entry or answer carrying a newer
/// epoch), so a region cut off from the others keeps believing in its old leader, as a real one would.
/// </summary>
public interface ILeadershipGrain : IRegionScopedGrain
{
    /// <summary>The epoch this region holds (and whether it was made without fencing).</summary>
    Task<EpochView> Current();

    /// <summary>
    /// Checks <paramref name="carried"/> against the held epoch (<see cref="Fencing.Check"/>); a
    /// newer one is stored before this returns. When this region led the epoch being replaced, it
    /// then moves its writes the new leader never received to the orphaned-writes log.
    /// </summary>
    Task<FencingDecision> Observe(LeaderEpoch carried, bool unfenced);

    /// <summary>How long since this follower last heard its leader, in milliseconds; null at the leader.</summary>
    Task<long?> SilenceMilliseconds();

    /// <summary>Where this region stands in the leader's log: what it received per shard and the epoch it holds.</summary>
    Task<FollowerStanding> Standing();
}
