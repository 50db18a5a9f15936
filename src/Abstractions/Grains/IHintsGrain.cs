using GeoStore.Abstractions.Messages;
using GeoStore.Core.Replication;

namespace GeoStore.Abstractions.Grains;

/// <summary>
/// A region's hinted writes (grain key: the region): versions meant for a replica region that
/// could not be reached, kept durably and replayed to it, in order, once it is reachable again.
/// </summary>
public interface IHintsGrain : IRegionScopedGrain
{
    /// <summary>Holds <paramref name="entry"/> for <paramref name="target"/>; durable when it returns. Returns its position among the target's hints.</summary>
    Task<long> Hold(string target, LogEntry entry);

    Task<IReadOnlyList<HintBacklog>> GetBacklog();
}
