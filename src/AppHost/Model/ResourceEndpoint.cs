namespace GeoStore.AppHost.Model;

/// <summary>A named endpoint a resource listens on, like Aspire's <c>EndpointAnnotation</c>.</summary>
/// <param name="Name">The endpoint's name within its resource: <c>http</c>, <c>silo</c>, <c>gateway</c>, <c>table</c>.</param>
/// <param name="Scheme"><c>http</c> or <c>tcp</c>.</param>
/// <param name="Host">The address it binds; the local geo-cluster uses loopback only.</param>
/// <param name="Port">The port it binds.</param>
public sealed record ResourceEndpoint(string Name, string Scheme, string Host, int Port)
{
    /// <summary>The address every local endpoint binds.</summary>
    public const string LoopbackHost = "127.0.0.1";

    public string HostAndPort => $"{Host}:{Port}";

    public string Url => $"{Scheme}://{Host}:{Port}";
}
