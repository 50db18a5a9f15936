using GeoStore.Abstractions.Messages;
using GeoStore.Core.Chain;
using GeoStore.Core.Keyspaces;
using GeoStore.Core.Leadership;

namespace GeoStore.Abstractions.Grains;

/// <summary>The keyspace catalog (one grain, keyed by the home region: see <see cref="ControlPlane"/>). Silos and API processes cache it.</summary>
public interface IKeyspaceCatalogGrain : IGrainWithStringKey
{
    Task<KeyspaceCatalogSnapshot> GetSnapshot();

    Task<ControlPlaneVersion> GetVersion();

    /// <summary>Creates or changes a keyspace; throws <see cref="Errors.InvalidKeyspaceException"/> when invalid.</summary>
    Task<KeyspaceDefinition> Put(string name, KeyspacePolicy policy);

    /// <summary>
    /// Makes <paramref name="newLeader"/> the leader of a SingleLeader keyspace, durably, if its
    /// current epoch is still <paramref name="expected"/> (compare-and-set: of two failovers racing,
    /// one wins). <paramref name="fenced"/> raises the epoch number; false keeps it (the unsafe
    /// demonstration). Throws <see cref="Errors.FailoverConflictException"/> when the epoch moved on.
    /// </summary>
    Task<KeyspaceDefinition> Promote(string name, LeaderEpoch expected, string newLeader, EpochFork fork, bool fenced);

    /// <summary>The current chain of a Chain keyspace, read from the catalog itself (not a cached copy); null for other modes or no such keyspace.</summary>
    Task<ChainMembership?> GetChain(string name);

    /// <summary>
    /// Replaces the chain of a Chain keyspace with <paramref name="next"/> (one member removed, or
    /// one of the keyspace's regions appended), durably, if its version is still
    /// <paramref name="expectedVersion"/> (compare-and-set: of two reconfigurations racing, one
    /// wins). Returns the chain now current, the caller's or the one that won.
    /// </summary>
    Task<ChainMembership> ReconfigureChain(string name, long expectedVersion, ChainConfiguration next);
}
