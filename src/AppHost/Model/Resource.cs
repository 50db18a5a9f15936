namespace GeoStore.AppHost.Model;

/// <summary>
/// Something the AppHost runs as its own process, like Aspire's <c>Resource</c>: its configuration
/// is passed as environment variables and its endpoints are fixed before it starts.
/// </summary>
public abstract class Resource
{
    private readonly List<KeyValuePair<string, string>> _environment = [];
    private readonly List<ResourceEndpoint> _endpoints = [];
    private readonly List<Resource> _waitsFor = [];
    private readonly List<Func<BeforeResourceStartedEvent, CancellationToken, Task>> _beforeStart = [];

    protected Resource(string name, string kind)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(kind);
        Name = name;
        Kind = kind;
    }

    /// <summary>The resource's unique name, e.g. <c>silo-us-east-0</c>; it prefixes the process's output.</summary>
    public string Name { get; }

    /// <summary>What the resource is in the application, e.g. <c>silo</c>, <c>api</c> or <c>storage</c>.</summary>
    public string Kind { get; }

    /// <summary>The region the resource serves, when it belongs to one.</summary>
    public string? Region { get; set; }

    /// <summary>Environment variables set for the process, in the order they were added; a later value wins.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Environment => _environment;

    public IReadOnlyList<ResourceEndpoint> Endpoints => _endpoints;

    /// <summary>Resources that must be ready before this one starts.</summary>
    public IReadOnlyList<Resource> WaitsFor => _waitsFor;

    /// <summary>Run in order once the resources it waits for are ready, just before its process starts.</summary>
    public IReadOnlyList<Func<BeforeResourceStartedEvent, CancellationToken, Task>> BeforeStart => _beforeStart;

    /// <summary>How readiness is checked; without one the resource is ready once its process runs.</summary>
    public ReadinessCheck? Readiness { get; set; }

    public ResourceEndpoint GetEndpoint(string name) =>
        _endpoints.Find(e => e.Name == name)
        ?? throw new InvalidOperationException($"Resource '{Name}' has no endpoint named '{name}'.");

    internal void AddEnvironment(string name, string value) => _environment.Add(new(name, value));

    internal void AddEndpoint(ResourceEndpoint endpoint)
    {
        if (_endpoints.Exists(e => e.Name == endpoint.Name))
        {
            throw new InvalidOperationException($"Resource '{Name}' already has an endpoint named '{endpoint.Name}'.");
        }

        _endpoints.Add(endpoint);
    }

    internal void AddWaitFor(Resource dependency)
    {
        if (ReferenceEquals(dependency, this))
        {
            throw new InvalidOperationException($"Resource '{Name}' cannot wait for itself.");
        }

        if (!_waitsFor.Contains(dependency))
        {
            _waitsFor.Add(dependency);
        }
    }

    internal void AddBeforeStart(Func<BeforeResourceStartedEvent, CancellationToken, Task> callback) => _beforeStart.Add(callback);
}
