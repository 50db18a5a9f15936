using GeoStore.Abstractions.Catalog;
using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Options;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace GeoStore.Api.Apis;

/// <summary>
/// <c>/health</c>: the process is up. <c>/ready</c>: it reaches a silo of its own region and holds
/// the keyspace catalog, so it can serve requests.
/// </summary>
public static class HealthApi
{
    public static readonly TimeSpan ReadinessTimeout = TimeSpan.FromSeconds(2);

    public sealed record HealthView(string Status, string Region, string? Detail = null);

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", (IOptions<GeoStoreOptions> options) => TypedResults.Ok(new HealthView("healthy", options.Value.Region))).WithTags("Health");
        app.MapGet("/ready", Ready).WithTags("Health");
        return app;
    }

    public static async Task<Results<Ok<HealthView>, JsonHttpResult<HealthView>>> Ready(
        IClusterClient client, KeyspaceCache keyspaces, IOptions<GeoStoreOptions> options, CancellationToken cancellationToken)
    {
        var region = options.Value.Region;
        try
        {
            var served = await client.GetGrain<IKeyValueCoordinatorGrain>(0).GetRegion().WaitAsync(ReadinessTimeout, cancellationToken);
            if (!string.Equals(served, region, StringComparison.Ordinal))
            {
                return NotReady(region, $"connected to a silo of region '{served}', not '{region}': check Orleans:Gateways");
            }

            if (keyspaces.Snapshot.Revision == 0)
            {
                await keyspaces.RefreshAsync(cancellationToken);
            }

            return TypedResults.Ok(new HealthView("ready", region));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return NotReady(region, ex.Message);
        }
    }

    private static JsonHttpResult<HealthView> NotReady(string region, string detail) =>
        TypedResults.Json(new HealthView("not-ready", region, detail), statusCode: StatusCodes.Status503ServiceUnavailable);
}
