using GeoStore.Abstractions.Messages;

namespace GeoStore.Abstractions.Grains;

/// <summary>Runs the failovers of one SingleLeader keyspace (grain key: the keyspace) from the region it is called in.</summary>
public interface IFailoverGrain : IGrainWithStringKey
{
    /// <summary>
    /// Promotes a follower: asks every follower how far it got, chooses (the requested target, or the
    /// most up-to-date reachable follower), raises the epoch durably in the catalog, then tells the new
    /// leader and every reachable region. Throws <see cref="Errors.InvalidKeyspaceException"/> when no
    /// follower can be promoted, <see cref="Errors.FailoverConflictException"/> when another failover won.
    /// </summary>
    Task<FailoverReport> Failover(FailoverRequest request);
}
