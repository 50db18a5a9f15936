namespace GeoStore.AppHost.Model;

/// <summary>Fluent configuration of one resource, like Aspire's <c>IResourceBuilder&lt;T&gt;</c>.</summary>
/// <typeparam name="T">The kind of resource, so extensions can target projects, executables or one resource type.</typeparam>
public sealed class ResourceBuilder<T>(T resource)
    where T : Resource
{
    public T Resource { get; } = resource ?? throw new ArgumentNullException(nameof(resource));

    public ResourceBuilder<T> WithEnvironment(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        Resource.AddEnvironment(name, value);
        return this;
    }

    public ResourceBuilder<T> WithEndpoint(string name, int port, string scheme = "tcp")
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        Resource.AddEndpoint(new ResourceEndpoint(name, scheme, ResourceEndpoint.LoopbackHost, port));
        return this;
    }

    /// <summary>An <c>http</c> endpoint; ASP.NET Core learns it from <c>ASPNETCORE_URLS</c>.</summary>
    public ResourceBuilder<T> WithHttpEndpoint(int port, string name = "http")
    {
        WithEndpoint(name, port, "http");
        return WithEnvironment("ASPNETCORE_URLS", Resource.GetEndpoint(name).Url);
    }

    public ResourceBuilder<T> WithRegion(string region)
    {
        ArgumentException.ThrowIfNullOrEmpty(region);
        Resource.Region = region;
        return this;
    }

    /// <summary>Ready once <c>GET <paramref name="path"/></c> on the endpoint answers 2xx.</summary>
    public ResourceBuilder<T> WithHttpReadiness(string path, string endpointName = "http")
    {
        _ = Resource.GetEndpoint(endpointName);
        Resource.Readiness = new HttpReadinessCheck(endpointName, path);
        return this;
    }

    /// <summary>Ready once the endpoint accepts TCP connections.</summary>
    public ResourceBuilder<T> WithTcpReadiness(string endpointName)
    {
        _ = Resource.GetEndpoint(endpointName);
        Resource.Readiness = new TcpReadinessCheck(endpointName);
        return this;
    }

    /// <summary>Starts this resource only once <paramref name="dependency"/> is ready.</summary>
    public ResourceBuilder<T> WaitFor<TDependency>(ResourceBuilder<TDependency> dependency)
        where TDependency : Resource
    {
        ArgumentNullException.ThrowIfNull(dependency);
        Resource.AddWaitFor(dependency.Resource);
        return this;
    }

    /// <summary>
    /// Passes <paramref name="source"/>'s connection string as <c>ConnectionStrings__{connectionName}</c>,
    /// the .NET configuration key <c>ConnectionStrings:{connectionName}</c>, as Aspire's <c>WithReference</c> does.
    /// </summary>
    public ResourceBuilder<T> WithReference<TSource>(ResourceBuilder<TSource> source, string connectionName)
        where TSource : Resource, IResourceWithConnectionString
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrEmpty(connectionName);
        return WithEnvironment($"ConnectionStrings__{connectionName}", source.Resource.ConnectionString);
    }

    /// <summary>Runs <paramref name="callback"/> just before the resource's process starts (see <see cref="BeforeResourceStartedEvent"/>).</summary>
    public ResourceBuilder<T> OnBeforeResourceStarted(Func<T, BeforeResourceStartedEvent, CancellationToken, Task> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        Resource.AddBeforeStart((e, ct) => callback(Resource, e, ct));
        return this;
    }
}
