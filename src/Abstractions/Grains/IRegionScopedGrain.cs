namespace GeoStore.Abstractions.Grains;

/// <summary>
/// Marks a grain interface whose key starts with a region (<c>region/…</c> or <c>from-&gt;to/…</c>).
/// Such grains live only in that region, and calls to them from another region cross the WAN.
/// </summary>
public interface IRegionScopedGrain : IGrainWithStringKey;
