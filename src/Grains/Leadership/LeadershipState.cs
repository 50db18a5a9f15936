using GeoStore.Core.Leadership;

namespace GeoStore.Grains.Leadership;

/// <summary>The stored state of a region's view of one keyspace's leadership.</summary>
[GenerateSerializer]
public sealed class LeadershipState
{
    [Id(0)]
    public LeaderEpoch? Epoch { get; set; }

    [Id(1)]
    public bool Unfenced { get; set; }

    /// <summary>A deposed epoch this region led whose orphaned writes are still to be moved to the orphan log.</summary>
    [Id(2)]
    public LeaderEpoch? OrphansPending { get; set; }
}
