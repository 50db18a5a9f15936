using GeoStore.Abstractions.Messages;

namespace GeoStore.Abstractions.Grains;

/// <summary>A region's master (grain key: the region name): its log position and lag to every peer.</summary>
public interface IRegionGrain : IRegionScopedGrain
{
    Task<RegionStatus> GetStatus();
}
