using System.Collections.Immutable;
using GeoStore.Core.Leadership;
using GeoStore.Core.Replication;

namespace GeoStore.Grains.Leadership;

/// <summary>The stored state of a region's view of one keyspace's leadership.</summary>
[GenerateSerializer]
public sealed class LeadershipState
{
    [Id(0)]
    public LeaderEpoch? Epoch { get; set; }

    [Id(1)]
    public bool Unfenced { get; set; }

    /// <summary>
    /// Failovers this follower promised to take no more entries of <see cref="Epoch"/> for: ballot →
    /// when the promise lapses (Unix ms) unless the catalog shows the promotion.
    /// </summary>
    [Id(3)]
    public Dictionary<Guid, long> Promises { get; set; } = [];

    /// <summary>Orphaned writes this region fenced whose record or drops are not all done.</summary>
    [Id(4)]
    public List<PendingOrphan> Orphans { get; set; } = [];

    /// <summary>
    /// This follower learned a promotion and has yet to make its replica agree with the new leader
    /// (what the old leader sent it after the fork goes, what it lacked up to the fork comes).
    /// </summary>
    [Id(5)]
    public bool Reconcile { get; set; }
}

/// <summary>
/// An entry of a deposed leader (<paramref name="Origin"/>, shard <paramref name="Shard"/>) that this
/// region fenced: <paramref name="Recorded"/> once it is in the orphaned-writes log,
/// <paramref name="Dropped"/> the replicas already made to give it up.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PendingOrphan(
    [property: Id(0)] string Origin,
    [property: Id(1)] int Shard,
    [property: Id(2)] LogEntry Entry,
    [property: Id(3)] bool Recorded,
    [property: Id(4)] ImmutableHashSet<string> Dropped);
