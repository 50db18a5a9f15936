namespace GeoStore.AppHost.Tests.Infrastructure;

/// <summary>One resource in the AppHost's manifest.</summary>
public sealed record ManifestResource(
    string Name,
    string Kind,
    string? Region,
    string State,
    int? Pid,
    int? ExitCode,
    IReadOnlyList<ManifestEndpoint> Endpoints,
    int Restarts = 0)
{
    public Uri Url(string endpoint = "http") =>
        new(Endpoints.SingleOrDefault(e => e.Name == endpoint)?.Url ?? throw new KeyNotFoundException($"{Name} has no endpoint '{endpoint}'."));
}
