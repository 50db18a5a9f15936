using System.Text.Json;

namespace GeoStore.AppHost.Tests.Infrastructure;

/// <summary>The AppHost's <c>--manifest</c> file, as the tests read it.</summary>
public sealed record AppHostManifest(int AppHostPid, bool Ready, IReadOnlyList<ManifestResource> Resources, string? ControlUrl = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public ManifestResource this[string name] =>
        Resources.SingleOrDefault(r => r.Name == name) ?? throw new KeyNotFoundException($"The manifest has no resource '{name}'.");

    public IEnumerable<ManifestResource> OfKind(string kind) => Resources.Where(r => r.Kind == kind);

    /// <returns>The manifest, or null while the file does not exist yet.</returns>
    public static async Task<AppHostManifest?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<AppHostManifest>(stream, Json, cancellationToken);
    }
}
