using GeoStore.Abstractions.Messages;
using GeoStore.Core.Leadership;
using GeoStore.Core.Replication;

namespace GeoStore.Abstractions.Grains;

/// <summary>
/// One region's view of who leads one SingleLeader keyspace (grain key <c>region/keyspace</c>): the
/// newest epoch the region has learned, durably. Learned from the catalog when first activated, then
/// through the data plane (a failover's prepare or announcement, an entry or answer carrying a newer
/// epoch), so a region cut off from the others keeps believing in its old leader, as a real one would.
/// </summary>
public interface ILeadershipGrain : IRegionScopedGrain
{
    /// <summary>The epoch this region holds (and whether it was made without fencing).</summary>
    Task<EpochView> Current();

    /// <summary>
    /// Checks <paramref name="carried"/> against the held epoch (<see cref="Fencing.Check"/>); a
    /// newer one is stored before this returns.
    /// </summary>
    Task<FencingDecision> Observe(LeaderEpoch carried, bool unfenced);

    /// <summary>
    /// Whether this region takes a replicated entry of epoch <paramref name="carried"/>: as
    /// <see cref="Observe"/>, except that while this region has promised a failover to take no more
    /// entries of the epoch it holds (<see cref="Prepare"/>), such entries are held
    /// (<see cref="FencingVerdict.Hold"/>): neither applied nor skipped until the failover is decided.
    /// </summary>
    Task<FencingDecision> Admit(LeaderEpoch carried);

    /// <summary>
    /// The first phase of a fenced failover away from <paramref name="expected"/>: this follower
    /// learns <paramref name="expected"/> if it is behind, durably promises (for ballot
    /// <paramref name="ballot"/>) to take no more entries of it, and answers how far it received the
    /// old leader's log, per shard, at that moment. The promise ends when a newer epoch is learned,
    /// when the ballot is released, or after a lifetime once the catalog shows no promotion. A
    /// standing whose epoch is not <paramref name="expected"/> means the keyspace moved on: nothing was promised.
    /// </summary>
    Task<FollowerStanding> Prepare(LeaderEpoch expected, Guid ballot);

    /// <summary>Ends the promise of <paramref name="ballot"/> (a failover that promoted nobody).</summary>
    Task Release(Guid ballot);

    /// <summary>How long since this follower last heard its leader, in milliseconds; null at the leader.</summary>
    Task<long?> SilenceMilliseconds();

    /// <summary>Where this region stands in the leader's log: what it received per shard and the epoch it holds.</summary>
    Task<FollowerStanding> Standing();

    /// <summary>
    /// Durably queues an entry this region fenced as a deposed leader's orphaned write (shard
    /// <paramref name="shard"/> of <paramref name="origin"/>'s log). It is recorded in the
    /// orphaned-writes log and every replica of the key that still serves it is made to take the
    /// current leader's state, retried until each has.
    /// </summary>
    Task Orphaned(string origin, int shard, LogEntry entry);
}
