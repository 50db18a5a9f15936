using System.Diagnostics;

namespace GeoStore.Grains.Observability;

/// <summary>
/// GeoStore's activity source (<c>GeoStore</c>). With Orleans' activity propagation, one client
/// operation is one trace: the HTTP request, the grain calls of its coordinator, and a
/// <c>wan {region}</c> span for every call that crosses to another region (with the simulated
/// link's delay), so a slow quorum write shows which region was slow.
/// </summary>
public static class GeoStoreTelemetry
{
    public const string SourceName = "GeoStore";

    public static ActivitySource Source { get; } = new(SourceName, "1.0.0");
}
