using GeoStore.Core.Resolution;

namespace GeoStore.Grains.Conflicts;

/// <summary>The stored records of one conflict log shard, newest last, and how many were dropped to keep it bounded.</summary>
[GenerateSerializer]
public sealed class ConflictLogState
{
    [Id(0)]
    public List<ConflictRecord> Records { get; set; } = [];

    [Id(1)]
    public long Dropped { get; set; }
}
