namespace GeoStore.AppHost.Model;

/// <summary>How the AppHost learns that a resource is ready to serve, checked against one of its endpoints.</summary>
/// <param name="EndpointName">The endpoint the check talks to.</param>
public abstract record ReadinessCheck(string EndpointName);
