namespace GeoStore.AppHost.Hosting;

/// <summary>How the AppHost runs its resources, independent of what they are.</summary>
public sealed class DistributedApplicationOptions
{
    /// <summary>How long to wait for every resource to be ready before reporting the stragglers.</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a resource may take to stop after SIGTERM before its process tree is killed.</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Where to keep the JSON manifest of resources, or null for none.</summary>
    public string? ManifestPath { get; init; }

    /// <summary>
    /// Where the resource view and control listen (<c>http://127.0.0.1:{port}</c>), or null for
    /// nowhere. Stopping or starting a resource there needs <see cref="ControlToken"/>.
    /// </summary>
    public int? ControlPort { get; init; }

    /// <summary>The bearer token that stopping or starting a resource needs (the cluster's admin token).</summary>
    public string? ControlToken { get; init; }

    /// <summary>The resource view's address, when it has one.</summary>
    public string? ControlUrl => ControlPort is { } port ? $"http://127.0.0.1:{port}" : null;
}
