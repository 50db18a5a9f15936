using Orleans.Placement;

namespace GeoStore.Grains.Placement;

/// <summary>Marks a grain class whose key starts with its region; see <see cref="RegionPlacementDirector"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class RegionPlacementAttribute() : PlacementAttribute(new RegionPlacementStrategy());
