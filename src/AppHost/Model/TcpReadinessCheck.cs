namespace GeoStore.AppHost.Model;

/// <summary>Ready once the endpoint accepts a TCP connection.</summary>
public sealed record TcpReadinessCheck(string EndpointName) : ReadinessCheck(EndpointName);
