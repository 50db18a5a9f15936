namespace GeoStore.AppHost.Model;

/// <summary>Fluent configuration of one <see cref="ProjectResource"/>, like Aspire's <c>IResourceBuilder&lt;T&gt;</c>.</summary>
public sealed class ProjectResourceBuilder(ProjectResource resource)
{
    /// <summary>The address every local endpoint binds.</summary>
    public const string LoopbackHost = "127.0.0.1";

    public ProjectResource Resource { get; } = resource ?? throw new ArgumentNullException(nameof(resource));

    public ProjectResourceBuilder WithEnvironment(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        Resource.AddEnvironment(name, value);
        return this;
    }

    public ProjectResourceBuilder WithEndpoint(string name, int port, string scheme = "tcp")
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        Resource.AddEndpoint(new ResourceEndpoint(name, scheme, LoopbackHost, port));
        return this;
    }

    /// <summary>An <c>http</c> endpoint; ASP.NET Core learns it from <c>ASPNETCORE_URLS</c>.</summary>
    public ProjectResourceBuilder WithHttpEndpoint(int port, string name = "http")
    {
        WithEndpoint(name, port, "http");
        return WithEnvironment("ASPNETCORE_URLS", Resource.GetEndpoint(name).Url);
    }

    public ProjectResourceBuilder WithRegion(string region)
    {
        ArgumentException.ThrowIfNullOrEmpty(region);
        Resource.Region = region;
        return this;
    }

    /// <summary>Ready once <c>GET <paramref name="path"/></c> on the endpoint answers 2xx.</summary>
    public ProjectResourceBuilder WithHttpReadiness(string path, string endpointName = "http")
    {
        _ = Resource.GetEndpoint(endpointName);
        Resource.Readiness = new HttpReadinessCheck(endpointName, path);
        return this;
    }

    /// <summary>Ready once the endpoint accepts TCP connections.</summary>
    public ProjectResourceBuilder WithTcpReadiness(string endpointName)
    {
        _ = Resource.GetEndpoint(endpointName);
        Resource.Readiness = new TcpReadinessCheck(endpointName);
        return this;
    }

    /// <summary>Starts this resource only once <paramref name="dependency"/> is ready.</summary>
    public ProjectResourceBuilder WaitFor(ProjectResourceBuilder dependency)
    {
        ArgumentNullException.ThrowIfNull(dependency);
        Resource.AddWaitFor(dependency.Resource);
        return this;
    }
}
