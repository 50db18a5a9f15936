using System.Text.Json;
using System.Text.Json.Nodes;
using GeoStore.Abstractions.Catalog;
using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Api.Problems;
using GeoStore.Core.Crdts;
using GeoStore.Core.Keyspaces;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace GeoStore.Api.Apis;

/// <summary>
/// <c>POST|GET /v1/crdt/{keyspace}/{key}</c>: operations on the keys of a Crdt keyspace, such as
/// <c>{"op":"increment","by":5}</c> or a JSON array of operations applied together, and the
/// merged state. Operations are parsed and checked against the keyspace's data type here, before
/// any grain is called.
/// </summary>
public static class CrdtApi
{
    public const string Prefix = "/v1/crdt";

    public static IEndpointRouteBuilder MapCrdtApi(this IEndpointRouteBuilder app)
    {
        var crdt = app.MapGroup(Prefix).WithTags("CRDT");
        crdt.MapPost("/{keyspace}/{**key}", Post).WithName("UpdateCrdt").WithSummary("Apply one operation, or an array of them, to a CRDT key.");
        crdt.MapGet("/{keyspace}/{**key}", Get).WithName("GetCrdt").WithSummary("Read a CRDT key's merged state from this region's replica.");
        return app;
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Post(
        string keyspace, HttpContext http, IClusterClient client, KeyspaceCache keyspaces, IOptions<ApiLimits> limits, CancellationToken cancellationToken)
    {
        var (key, problem) = KeyValueApi.ValidateAddress(keyspace, http, limits.Value, Prefix);
        if (problem is not null)
        {
            return problem;
        }

        if (!http.Request.HasJsonContentType())
        {
            return Problem.InvalidArgument("The body is a JSON operation or an array of them (Content-Type: application/json).");
        }

        if (http.Request.ContentLength > limits.Value.MaxValueBytes)
        {
            return Problem.TooLarge($"The body is {http.Request.ContentLength} bytes; the limit is {limits.Value.MaxValueBytes}.");
        }

        JsonDocument body;
        try
        {
            body = await JsonDocument.ParseAsync(http.Request.Body, default, cancellationToken);
        }
        catch (JsonException ex)
        {
            return Problem.InvalidArgument($"The body is not valid JSON: {ex.Message}");
        }

        using (body)
        {
            var (type, keyspaceProblem) = await CrdtTypeOf(keyspace, keyspaces, cancellationToken);
            if (keyspaceProblem is not null)
            {
                return keyspaceProblem;
            }

            if (!CrdtOperationParser.TryParseBatch(body.RootElement, type, out var operations, out var error))
            {
                return Problem.InvalidArgument(error!);
            }

            var result = await client.GetGrain<IKeyValueCoordinatorGrain>(0).Update(new CrdtCommand(keyspace, key!, operations)).WaitAsync(cancellationToken);
            http.Response.Headers[KeyValueApi.RegionHeader] = result.Region;
            if (result.Status != WriteStatus.Applied)
            {
                return Problem.InvalidOperation(result.Problem ?? "The operation does not fit the key's state.");
            }

            http.Response.Headers[KeyValueApi.TimestampHeader] = result.Version!.Timestamp.ToString();
            http.Response.Headers[KeyValueApi.LogPositionHeader] = $"{result.Shard}:{result.LogSequence}";
            http.Response.Headers[SessionToken.Header] = SessionToken.For(result.Version!);
            return TypedResults.NoContent();
        }
    }

    public static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> Get(
        string keyspace, HttpContext http, IClusterClient client, KeyspaceCache keyspaces, IOptions<ApiLimits> limits, IOptions<Abstractions.Options.GeoStoreOptions> options, CancellationToken cancellationToken)
    {
        var (key, problem) = KeyValueApi.ValidateAddress(keyspace, http, limits.Value, Prefix);
        var (read, sessionProblem) = SessionToken.ReadOptionsOf(http.Request, options.Value.RegionList);
        problem ??= sessionProblem is null ? null : Problem.InvalidArgument(sessionProblem);
        problem ??= (await CrdtTypeOf(keyspace, keyspaces, cancellationToken)).Problem;
        if (problem is not null)
        {
            return problem;
        }

        var result = await client.GetGrain<IKeyValueCoordinatorGrain>(0).Read(keyspace, key!, read!).WaitAsync(cancellationToken);
        http.Response.Headers[KeyValueApi.RegionHeader] = result.Region;
        if (result.Seen is { Entries.Count: > 0 } seen)
        {
            http.Response.Headers[KeyValueApi.AppliedHeader] = seen.ToString();
        }

        return result.Merged?.Crdt is { } state
            ? TypedResults.Ok(state.ToJson())
            : Problem.KeyNotFound(keyspace, key!, result.Region);
    }

    private static async ValueTask<(CrdtType Type, ProblemHttpResult? Problem)> CrdtTypeOf(string keyspace, KeyspaceCache keyspaces, CancellationToken cancellationToken)
    {
        var (definition, problem) = await KeyValueApi.FindKeyspace(keyspace, keyspaces, cancellationToken);
        if (problem is not null)
        {
            return (default, problem);
        }

        return definition!.Policy is { Resolver: ConflictResolver.Crdt, Crdt: { } type }
            ? (type, null)
            : (default, Problem.InvalidArgument($"Keyspace '{keyspace}' resolves with {definition.Policy.Resolver}, not a CRDT: use {KeyValueApi.Prefix}/{keyspace}/{{key}}."));
    }
}
