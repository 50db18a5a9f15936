using GeoStore.Abstractions.Messages;
using GeoStore.Core.Versioning;

namespace GeoStore.Abstractions.Grains;

/// <summary>
/// A region's hinted writes (grain key: the region): versions meant for a replica region that
/// could not be reached, kept durably and replayed to it, in order, once it is reachable again.
/// </summary>
public interface IHintsGrain : IRegionScopedGrain
{
    /// <summary>Holds <paramref name="value"/> for <paramref name="target"/>; durable when it returns.</summary>
    Task<long> Hold(string target, string keyspace, string key, VersionedValue value);

    Task<IReadOnlyList<HintBacklog>> GetBacklog();
}
