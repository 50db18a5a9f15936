namespace GeoStore.AppHost.Model;

/// <summary>Ready once <c>GET {endpoint}{Path}</c> answers a success status code.</summary>
public sealed record HttpReadinessCheck(string EndpointName, string Path) : ReadinessCheck(EndpointName);
