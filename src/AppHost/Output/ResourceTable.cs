using System.Text;
using GeoStore.AppHost.Hosting;
using GeoStore.AppHost.Model;

namespace GeoStore.AppHost.Output;

/// <summary>Renders every resource as a plain-text table: name, kind, region, endpoints, state, pid.</summary>
public static class ResourceTable
{
    private static readonly string[] Headers = ["NAME", "KIND", "REGION", "ENDPOINTS", "STATE", "PID", "RESTARTS"];

    public static string Render(DistributedApplicationModel model, ResourceNotifications notifications)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(notifications);
        var rows = new List<string[]> { Headers };
        foreach (var resource in model.Resources)
        {
            var snapshot = notifications.Get(resource);
            rows.Add([
                resource.Name,
                resource.Kind,
                resource.Region ?? "-",
                string.Join(' ', resource.Endpoints.Select(Show)),
                snapshot.Display,
                snapshot.Pid?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
                snapshot.Restarts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ]);
        }

        var widths = Enumerable.Range(0, Headers.Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.Append("  ");
            for (var c = 0; c < row.Length; c++)
            {
                text.Append(c == row.Length - 1 ? row[c] : row[c].PadRight(widths[c] + 2));
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    // URLs a person can open are shown whole; raw TCP endpoints by name, e.g. gateway=127.0.0.1:30001.
    private static string Show(ResourceEndpoint endpoint) =>
        endpoint.Scheme is "http" or "https" ? endpoint.Url : $"{endpoint.Name}={endpoint.HostAndPort}";
}
