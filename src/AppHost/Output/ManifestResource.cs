namespace GeoStore.AppHost.Output;

/// <summary>One resource in the manifest.</summary>
/// <param name="Name">Its name, e.g. <c>api-us-east</c>.</param>
/// <param name="Kind"><c>storage</c> (Azurite), <c>silo</c> or <c>api</c>.</param>
/// <param name="Region">The region it serves; null for what serves every region (Azurite).</param>
/// <param name="State">A <see cref="Model.ResourceState"/> name.</param>
/// <param name="Pid">Its process id once started.</param>
/// <param name="ExitCode">Its exit code once exited.</param>
/// <param name="Endpoints">Where it listens.</param>
/// <param name="Restarts">How many times it was started again on request.</param>
public sealed record ManifestResource(
    string Name,
    string Kind,
    string? Region,
    string State,
    int? Pid,
    int? ExitCode,
    IReadOnlyList<ManifestEndpoint> Endpoints,
    int Restarts = 0);
