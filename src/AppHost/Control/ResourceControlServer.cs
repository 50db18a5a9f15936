using System.Security.Cryptography;
using System.Text;
using GeoStore.AppHost.Hosting;
using GeoStore.AppHost.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GeoStore.AppHost.Control;

/// <summary>
/// The AppHost's resource view, like the Aspire dashboard's: every process with its state, pid,
/// endpoints, restarts and recent log lines, as a page (<c>/</c>) and as JSON
/// (<c>/api/resources</c>); and control: stop or start one resource, or every resource of a region
/// (how the geo dashboard's "kill region" and "restart region" work). Control needs the cluster's
/// admin token as a bearer token. Listens on 127.0.0.1 only.
/// </summary>
public sealed class ResourceControlServer(
    DistributedApplicationModel model,
    DistributedApplicationOptions options,
    ResourceNotifications notifications,
    ResourceLogs logs,
    ApplicationOrchestrator orchestrator,
    IHostApplicationLifetime lifetime,
    ILogger<ResourceControlServer> logger) : IHostedService, IAsyncDisposable
{
    /// <summary>Log lines a resource view answers by default.</summary>
    public const int DefaultLines = 50;

    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.ControlPort is not { } port)
        {
            return;
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        _app = builder.Build();
        Map(_app);
        await _app.StartAsync(cancellationToken);
        logger.ControlListening(options.ControlUrl!);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/", () => Results.Content(ResourceControlPage.Html, "text/html; charset=utf-8"));
        app.MapGet("/api/resources", (int? lines) => Results.Json(model.Resources.Select(r => View(r, lines ?? DefaultLines))));
        app.MapGet("/api/resources/{name}", (string name, int? lines) =>
            Find(name) is { } resource ? Results.Json(View(resource, lines ?? ResourceLogs.Kept)) : NotFound(name));
        app.MapPost("/api/resources/{name}/stop", async (string name, HttpRequest request) =>
            await ControlAsync(request, name, [.. Find(name) is { } r ? [r] : Array.Empty<Resource>()], stop: true));
        app.MapPost("/api/resources/{name}/start", async (string name, HttpRequest request) =>
            await ControlAsync(request, name, [.. Find(name) is { } r ? [r] : Array.Empty<Resource>()], stop: false));
        app.MapPost("/api/regions/{region}/stop", async (string region, HttpRequest request) =>
            await ControlAsync(request, region, OfRegion(region), stop: true));
        app.MapPost("/api/regions/{region}/start", async (string region, HttpRequest request) =>
            await ControlAsync(request, region, OfRegion(region), stop: false));
    }

    private async Task<IResult> ControlAsync(HttpRequest request, string named, IReadOnlyList<Resource> resources, bool stop)
    {
        if (!Authorized(request))
        {
            return Results.Problem(
                statusCode: StatusCodes.Status401Unauthorized, type: "https://geostore.dev/problems/unauthorized",
                title: "The admin token is required", detail: "Stopping or starting a resource needs the cluster's admin token: Authorization: Bearer <token>.");
        }

        if (resources.Count == 0)
        {
            return NotFound(named);
        }

        var token = lifetime.ApplicationStopping;
        if (stop)
        {
            // Every process of a region at once, as when the region goes dark.
            await Task.WhenAll(resources.Select(r => orchestrator.StopResourceAsync(r, token)));
        }
        else
        {
            var started = await Task.WhenAll(resources.Select(r => orchestrator.RestartResourceAsync(r, token)));
            if (started.Any(s => !s))
            {
                return Results.Problem(
                    statusCode: StatusCodes.Status503ServiceUnavailable, type: "https://geostore.dev/problems/resource-not-started",
                    title: "A resource could not be started", detail: $"Not started: {string.Join(", ", resources.Where((_, i) => !started[i]).Select(r => r.Name))}; see its log lines.");
            }
        }

        return Results.Json(resources.Select(r => View(r, DefaultLines)));
    }

    private bool Authorized(HttpRequest request)
    {
        if (options.ControlToken is not { } expected)
        {
            return false;
        }

        var header = request.Headers.Authorization.ToString();
        const string Bearer = "Bearer ";
        return header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header[Bearer.Length..].Trim()), Encoding.UTF8.GetBytes(expected));
    }

    private Resource? Find(string name) => model.Resources.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.Ordinal));

    private List<Resource> OfRegion(string region) =>
        [.. model.Resources.Where(r => string.Equals(r.Region, region, StringComparison.Ordinal))];

    private static IResult NotFound(string name) => Results.Problem(
        statusCode: StatusCodes.Status404NotFound, type: "https://geostore.dev/problems/resource-not-found",
        title: "No such resource or region", detail: $"'{name}' names no resource or region of this AppHost.");

    private ResourceView View(Resource resource, int lines)
    {
        var snapshot = notifications.Get(resource);
        return new ResourceView(
            resource.Name,
            resource.Kind,
            resource.Region,
            snapshot.Display,
            snapshot.State.ToString(),
            snapshot.Pid,
            snapshot.ExitCode,
            snapshot.Restarts,
            [.. resource.Endpoints.Select(e => new ResourceEndpointView(e.Name, e.Url))],
            [.. logs.Recent(resource, Math.Clamp(lines, 0, ResourceLogs.Kept))]);
    }
}

/// <summary>One resource as the view shows it.</summary>
public sealed record ResourceView(
    string Name,
    string Kind,
    string? Region,
    string Display,
    string State,
    int? Pid,
    int? ExitCode,
    int Restarts,
    IReadOnlyList<ResourceEndpointView> Endpoints,
    IReadOnlyList<ResourceLogLine> Log);

/// <summary>One endpoint of a resource.</summary>
public sealed record ResourceEndpointView(string Name, string Url);
