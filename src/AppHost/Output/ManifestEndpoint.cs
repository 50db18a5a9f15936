namespace GeoStore.AppHost.Output;

/// <summary>One endpoint of a resource in the manifest: <c>{"name":"http","url":"http://127.0.0.1:5081"}</c>.</summary>
public sealed record ManifestEndpoint(string Name, string Url);
