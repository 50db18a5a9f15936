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
}
