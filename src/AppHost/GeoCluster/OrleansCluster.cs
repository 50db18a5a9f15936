namespace GeoStore.AppHost.GeoCluster;

/// <summary>
/// One Orleans cluster. With development clustering (in-memory storage runs) the primary silo keeps
/// the membership table in memory and every other silo joins through it; with durable storage the
/// membership lives in Azure Tables and <paramref name="PrimarySiloEndPoint"/> is unused.
/// </summary>
/// <param name="ClusterId">Orleans' cluster id.</param>
/// <param name="ServiceId">Orleans' service id; storage keys hang off it.</param>
/// <param name="PrimarySiloEndPoint">The primary silo's silo endpoint, <c>ip:port</c>.</param>
public sealed record OrleansCluster(string ClusterId, string ServiceId, string PrimarySiloEndPoint);
