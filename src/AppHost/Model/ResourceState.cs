namespace GeoStore.AppHost.Model;

/// <summary>Where a resource is in its life, named after Aspire's known resource states.</summary>
public enum ResourceState
{
    /// <summary>Declared, not launched yet.</summary>
    NotStarted,

    /// <summary>Waiting for the resources it depends on to be ready.</summary>
    Waiting,

    /// <summary>Its process is being started.</summary>
    Starting,

    /// <summary>Its process runs; its readiness check has not passed yet.</summary>
    Running,

    /// <summary>Its readiness check passed.</summary>
    Ready,

    /// <summary>The AppHost asked it to stop.</summary>
    Stopping,

    /// <summary>Its process ended (the snapshot holds the exit code).</summary>
    Exited,

    /// <summary>It could not be started: a dependency ended first or the process failed to launch.</summary>
    FailedToStart,
}
