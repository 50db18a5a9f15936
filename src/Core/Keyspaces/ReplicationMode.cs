namespace GeoStore.Core.Keyspaces;

/// <summary>How a keyspace replicates between its regions.</summary>
public enum ReplicationMode
{
    MultiLeader,
    Leaderless,
    SingleLeader,
    Chain,
}
