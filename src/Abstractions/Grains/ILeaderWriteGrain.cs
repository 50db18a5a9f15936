using GeoStore.Abstractions.Messages;

namespace GeoStore.Abstractions.Grains;

/// <summary>
/// Runs SingleLeader writes in the leader region (grain key <c>region/shard</c>, the shard of the
/// keys it writes): the register writes under its epoch, then this waits for the followers the
/// keyspace's replication mode needs, so the register is never held while a write crosses the WAN.
/// </summary>
public interface ILeaderWriteGrain : IRegionScopedGrain
{
    /// <summary>
    /// Writes at the leader and answers once the write is acknowledged under the keyspace's mode;
    /// throws <see cref="Errors.FencedException"/> when this region does not lead, and
    /// <see cref="Errors.ReplicationNotMetException"/> when the followers did not answer in time.
    /// </summary>
    Task<WriteResult> Write(WriteCommand command);
}
