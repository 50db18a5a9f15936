using System.Net.Http.Headers;
using GeoStore.Abstractions.Options;
using GeoStore.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace GeoStore.Api.Apis;

/// <summary>
/// The processes of the local geo-cluster, when the AppHost started this API: the AppHost's resource
/// view (state, pid, endpoints, restarts, recent log lines) and "kill region" / "restart region",
/// which stop or start every process of a region. Forwarded to the AppHost with the admin token.
/// </summary>
public static class ProcessesApi
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(60) };

    public static IEndpointRouteBuilder MapProcessesApi(this RouteGroupBuilder admin)
    {
        admin.MapGet("/processes", List).WithSummary("Every process of the local geo-cluster (when the AppHost runs it): state, pid, endpoints, restarts, recent log lines.");
        admin.MapPost("/regions/{region}/stop", (string region, IOptions<AdminOptions> admin, IOptions<GeoStoreOptions> options, CancellationToken ct) => Control(region, "stop", admin.Value, options.Value, ct))
            .WithSummary("Kill a region: stop every process of it (its silos and its API), the AppHost running on.");
        admin.MapPost("/regions/{region}/start", (string region, IOptions<AdminOptions> admin, IOptions<GeoStoreOptions> options, CancellationToken ct) => Control(region, "start", admin.Value, options.Value, ct))
            .WithSummary("Restart a region: start every process of it again.");
        return admin;
    }

    public static async Task<IResult> List(IOptions<AdminOptions> admin, int? lines, CancellationToken cancellationToken) =>
        await ForwardAsync(admin.Value, HttpMethod.Get, $"/api/resources?lines={Math.Clamp(lines ?? 20, 0, 300)}", cancellationToken);

    private static async Task<IResult> Control(string region, string action, AdminOptions admin, GeoStoreOptions options, CancellationToken cancellationToken)
    {
        if (!options.RegionList.Contains(region, StringComparer.Ordinal))
        {
            return Problem.InvalidArgument($"Region '{region}' does not exist; known regions: {string.Join(", ", options.RegionList)}.",
                new Dictionary<string, string[]> { ["region"] = [$"'{region}' is not a region."] });
        }

        return await ForwardAsync(admin, HttpMethod.Post, $"/api/regions/{Uri.EscapeDataString(region)}/{action}", cancellationToken);
    }

    private static async Task<IResult> ForwardAsync(AdminOptions admin, HttpMethod method, string path, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(admin.AppHostUrl))
        {
            return Problem.Of(StatusCodes.Status404NotFound, ProblemTypes.NoProcessControl, "No process control here",
                "This API was not started by the AppHost, so it has no processes to show or control (GeoStore:AppHostUrl is not set).");
        }

        using var request = new HttpRequestMessage(method, new Uri(new Uri(admin.AppHostUrl), path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin.AdminToken);
        try
        {
            using var response = await Http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var type = response.Content.Headers.ContentType?.ToString() ?? "application/json";
            return Results.Content(body, type, statusCode: (int)response.StatusCode);
        }
        catch (HttpRequestException ex)
        {
            return Problem.Of(StatusCodes.Status503ServiceUnavailable, ProblemTypes.AppHostUnavailable, "The AppHost does not answer", $"The AppHost at {admin.AppHostUrl} did not answer: {ex.Message}");
        }
    }
}
