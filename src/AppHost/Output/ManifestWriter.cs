using System.Text.Json;
using System.Text.Json.Serialization;
using GeoStore.AppHost.Hosting;
using GeoStore.AppHost.Model;
using Microsoft.Extensions.Hosting;

namespace GeoStore.AppHost.Output;

/// <summary>
/// Keeps the manifest file (<c>--manifest</c>) current, so tests and tools learn endpoints and pids
/// without parsing the console. Each version replaces the previous one atomically.
/// </summary>
public sealed class ManifestWriter(
    DistributedApplicationModel model,
    DistributedApplicationOptions options,
    ResourceNotifications notifications) : IHostedService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.ManifestPath is not null)
        {
            notifications.Changed += OnChanged;
            Write();
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        notifications.Changed -= OnChanged;
        return Task.CompletedTask;
    }

    /// <summary>The manifest as it stands now.</summary>
    public static ManifestDocument Snapshot(DistributedApplicationModel model, ResourceNotifications notifications, string? controlUrl = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(notifications);
        var resources = model.Resources.Select(r => (Resource: r, Snapshot: notifications.Get(r))).ToList();
        return new ManifestDocument(
            Environment.ProcessId,
            resources.All(r => r.Snapshot.State == ResourceState.Ready),
            [.. resources.Select(r => new ManifestResource(
                r.Resource.Name,
                r.Resource.Kind,
                r.Resource.Region,
                r.Snapshot.State.ToString(),
                r.Snapshot.Pid,
                r.Snapshot.ExitCode,
                [.. r.Resource.Endpoints.Select(e => new ManifestEndpoint(e.Name, e.Url))],
                r.Snapshot.Restarts))],
            controlUrl);
    }

    // Runs under the notifications lock, so versions are written one at a time and in order.
    private void OnChanged(Resource resource, ResourceSnapshot snapshot) => Write();

    private void Write()
    {
        var path = Path.GetFullPath(options.ManifestPath!);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(Snapshot(model, notifications, options.ControlUrl), Json));
        File.Move(temporary, path, overwrite: true);
    }
}
