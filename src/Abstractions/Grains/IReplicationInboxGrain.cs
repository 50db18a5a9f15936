using GeoStore.Core.Replication;
using GeoStore.Core.Versioning;

namespace GeoStore.Abstractions.Grains;

/// <summary>
/// The receiving end of one link (grain key <c>to/from/shard</c>, placed in <c>to</c>): applies
/// batches from one origin shard exactly once and in order, whatever duplicates or reordering the
/// network produced.
/// </summary>
public interface IReplicationInboxGrain : IRegionScopedGrain
{
    /// <summary>Applies what is new in <paramref name="batch"/> and returns the position applied through.</summary>
    Task<long> Apply(ReplicationBatch batch);

    Task<long> GetAppliedThrough();

    /// <summary>The newest write this inbox has applied from each region.</summary>
    Task<TimestampVector> GetNewestApplied();

    /// <summary>How far behind its origin this inbox is, as far as it knows.</summary>
    Task<Messages.InboxProgress> GetProgress();
}
