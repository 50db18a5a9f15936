using GeoStore.Abstractions.Errors;
using GeoStore.Core.Regions;
using GeoStore.Grains.Regions;
using Orleans.Runtime;
using Orleans.Runtime.Placement;

namespace GeoStore.Grains.Placement;

/// <summary>
/// Reads the region from the grain key and picks one of that region's live silos, spread by a hash
/// of the key. With no live silo in the region it refuses: the grain must never activate elsewhere.
/// </summary>
public sealed class RegionPlacementDirector(RegionDirectory regions) : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var key = target.GrainIdentity.Key.ToString();
        var region = RegionNames.RegionOfKey(key)
            ?? throw new InvalidOperationException($"Grain {target.GrainIdentity} has no region in its key.");

        var candidates = context.GetCompatibleSilos(target)
            .Where(silo => string.Equals(regions.RegionOf(silo), region, StringComparison.Ordinal))
            .OrderBy(silo => silo)
            .ToArray();
        if (candidates.Length == 0)
        {
            throw new RegionUnavailableException(region, "no live silo in the region");
        }

        var index = target.GrainIdentity.GetUniformHashCode() % (uint)candidates.Length;
        return Task.FromResult(candidates[index]);
    }
}
