namespace GeoStore.AppHost.Model;

/// <summary>
/// A .NET project the AppHost runs as its own process, like Aspire's <c>ProjectResource</c>: its
/// configuration is passed as environment variables and its endpoints are fixed before it starts.
/// </summary>
public sealed class ProjectResource
{
    private readonly List<KeyValuePair<string, string>> _environment = [];
    private readonly List<ResourceEndpoint> _endpoints = [];
    private readonly List<ProjectResource> _waitsFor = [];

    public ProjectResource(string name, string kind, ProjectMetadata project)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(kind);
        ArgumentNullException.ThrowIfNull(project);
        Name = name;
        Kind = kind;
        Project = project;
    }

    /// <summary>The resource's unique name, e.g. <c>silo-us-east-0</c>; it prefixes the process's output.</summary>
    public string Name { get; }

    /// <summary>What the resource is in the application, e.g. <c>silo</c> or <c>api</c>.</summary>
    public string Kind { get; }

    /// <summary>The region the resource serves, when it belongs to one.</summary>
    public string? Region { get; set; }

    public ProjectMetadata Project { get; }

    /// <summary>Environment variables set for the process, in the order they were added; a later value wins.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Environment => _environment;

    public IReadOnlyList<ResourceEndpoint> Endpoints => _endpoints;

    /// <summary>Resources that must be ready before this one starts.</summary>
    public IReadOnlyList<ProjectResource> WaitsFor => _waitsFor;

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

    internal void AddWaitFor(ProjectResource dependency)
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
}
