namespace GeoStore.AppHost.Output;

/// <summary>
/// What <c>--manifest &lt;path&gt;</c> writes, rewritten on every state change: the AppHost's pid,
/// whether every resource is ready, and each resource with its endpoints, state and pid.
/// </summary>
public sealed record ManifestDocument(int AppHostPid, bool Ready, IReadOnlyList<ManifestResource> Resources, string? ControlUrl = null);
