namespace GeoStore.AppHost.Model;

/// <summary>The observed state of one resource at one moment.</summary>
/// <param name="State">Where it is in its life.</param>
/// <param name="Pid">Its process id once started.</param>
/// <param name="ExitCode">Its exit code once exited.</param>
/// <param name="Restarts">How many times it was started again on request.</param>
public sealed record ResourceSnapshot(ResourceState State, int? Pid = null, int? ExitCode = null, int Restarts = 0)
{
    public static readonly ResourceSnapshot Initial = new(ResourceState.NotStarted);

    /// <summary>The resource will not change state by itself any more.</summary>
    public bool IsTerminal => State is ResourceState.Exited or ResourceState.FailedToStart;

    /// <summary>The state as shown to a person: <c>Exited(137)</c> carries the exit code.</summary>
    public string Display => State == ResourceState.Exited && ExitCode is { } code ? $"Exited({code})" : State.ToString();
}
