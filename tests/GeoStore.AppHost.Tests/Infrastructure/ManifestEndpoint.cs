namespace GeoStore.AppHost.Tests.Infrastructure;

/// <summary>One endpoint of a resource in the AppHost's manifest.</summary>
public sealed record ManifestEndpoint(string Name, string Url);
