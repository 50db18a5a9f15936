using GeoStore.Abstractions.Messages;
using GeoStore.Core.Resolution;

namespace GeoStore.Abstractions.Grains;

/// <summary>
/// One shard of a region's conflict log (grain key <c>region/shard</c>, the shard of the keys it
/// records): every resolution in this region that discarded or merged a value.
/// </summary>
public interface IConflictLogGrain : IRegionScopedGrain
{
    /// <summary>Records a resolution; durable when it returns.</summary>
    Task Record(ConflictRecord record);

    /// <summary>Records matching <paramref name="query"/>, oldest first.</summary>
    Task<ConflictPage> Read(ConflictQuery query);
}
