using Orleans.Runtime;

namespace GeoStore.Grains.Placement;

/// <summary>Places a per-region grain only on silos of the region named in its key.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed class RegionPlacementStrategy : PlacementStrategy;
