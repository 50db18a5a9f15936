using GeoStore.Abstractions.Catalog;
using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Abstractions.Options;
using GeoStore.Api.Problems;
using GeoStore.Core.Causality;
using GeoStore.Core.Keys;
using GeoStore.Core.Keyspaces;
using GeoStore.Core.Quorum;
using GeoStore.Core.Versioning;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace GeoStore.Api.Apis;

/// <summary>
/// <c>PUT|GET|DELETE /v1/kv/{keyspace}/{key}</c>. Every check on the request happens here, before
/// any grain is called; the grain layer sees only well-formed requests for existing keyspaces.
/// </summary>
public static class KeyValueApi
{
    public const string Prefix = "/v1/kv";
    public const string RegionHeader = "GeoStore-Region";
    public const string TimestampHeader = "GeoStore-Timestamp";
    public const string LogPositionHeader = "GeoStore-Log-Position";
    public const string AppliedHeader = "GeoStore-Applied";
    public const string CausalContextHeader = "GeoStore-Causal-Context";

    public static IEndpointRouteBuilder MapKeyValueApi(this IEndpointRouteBuilder app)
    {
        var kv = app.MapGroup(Prefix).WithTags("Key-value");
        kv.MapGet("/{keyspace}/{**key}", Get).WithName("GetKey").WithSummary("Read a key from this region's replica.");
        kv.MapPut("/{keyspace}/{**key}", Put).WithName("PutKey").WithSummary("Write a key; the body is the value, its content type is kept.");
        kv.MapDelete("/{keyspace}/{**key}", Delete).WithName("DeleteKey").WithSummary("Delete a key (a tombstone that replicates).");
        return app;
    }

    public static async Task<Results<FileContentHttpResult, JsonHttpResult<SiblingsView>, StatusCodeHttpResult, ProblemHttpResult>> Get(
        string keyspace, [FromQuery] string? r, HttpContext http, IClusterClient client, KeyspaceCache keyspaces, IOptions<ApiLimits> limits, IOptions<GeoStoreOptions> options, CancellationToken cancellationToken)
    {
        var (key, problem) = ValidateAddress(keyspace, http, limits.Value);
        var (read, sessionProblem) = SessionToken.ReadOptionsOf(http.Request, options.Value.RegionList);
        problem ??= sessionProblem is null ? null : Problem.InvalidArgument(sessionProblem);
        var (definition, keyspaceProblem) = problem is null ? await FindKeyspace(keyspace, keyspaces, cancellationToken) : (null, null);
        problem ??= keyspaceProblem ?? NotForCrdts(definition!);
        var (readQuorum, quorumProblem) = problem is null ? QuorumParameters.Parse(r, QuorumLevels.Read, definition!) : (null, null);
        problem ??= quorumProblem;
        if (problem is not null)
        {
            return problem;
        }

        var result = await client.GetGrain<IKeyValueCoordinatorGrain>(0).Read(keyspace, key!, read! with { R = readQuorum }).WaitAsync(cancellationToken);
        http.Response.Headers[RegionHeader] = result.Region;
        QuorumParameters.Describe(http, QuorumLevels.Read, result.Quorum);
        LeaderHeaders.DescribeRead(http, result.Lag);
        ChainHeaders.Describe(http, result.Chain);
        DescribeFreshness(http, result.Seen);
        if (definition!.Policy.Resolver == ConflictResolver.MultiValue)
        {
            var siblings = result.Merged?.Siblings ?? SiblingSet.Empty;
            var token = KeyCausalContext.Encode(keyspace, key!, siblings.Context);
            http.Response.Headers[CausalContextHeader] = token;
            if (siblings.Siblings.Length > 1)
            {
                // Riak's answer to concurrent writes: every sibling, and the context that replaces them all.
                return TypedResults.Json(SiblingsView.From(siblings, token), statusCode: StatusCodes.Status300MultipleChoices);
            }
        }

        if (!result.Found)
        {
            return Problem.KeyNotFound(keyspace, key!, result.Region);
        }

        var value = result.Value!;
        DescribeVersion(http, value.Version);
        if (Preconditions.NotModified(http.Request, value.Version.ToETag()))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Bytes(value.Value!, value.ContentType ?? "application/octet-stream");
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Put(
        string keyspace, [FromQuery] string? w, HttpContext http, IClusterClient client, KeyspaceCache keyspaces, IOptions<ApiLimits> limits, IOptions<GeoStoreOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var (key, condition, context, problem) = ValidateWrite(keyspace, http, limits.Value);
        var (after, sessionProblem) = SessionToken.WriteAfterOf(http.Request, options.Value.RegionList, time);
        problem ??= sessionProblem is null ? null : Problem.InvalidArgument(sessionProblem);
        if (problem is not null)
        {
            return problem;
        }

        var (body, bodyProblem) = await ReadBody(http.Request, limits.Value.MaxValueBytes, cancellationToken);
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }

        var (writeQuorum, unfit) = await WritableKeyspace(keyspace, context, w, keyspaces, cancellationToken);
        if (unfit is not null)
        {
            return unfit;
        }

        var contentType = string.IsNullOrEmpty(http.Request.ContentType) ? "application/octet-stream" : http.Request.ContentType;
        return await Write(http, client, new WriteCommand(keyspace, key!, body, contentType, condition!, context, writeQuorum, after), cancellationToken);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string keyspace, [FromQuery] string? w, HttpContext http, IClusterClient client, KeyspaceCache keyspaces, IOptions<ApiLimits> limits, IOptions<GeoStoreOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var (key, condition, context, problem) = ValidateWrite(keyspace, http, limits.Value);
        var (after, sessionProblem) = SessionToken.WriteAfterOf(http.Request, options.Value.RegionList, time);
        problem ??= sessionProblem is null ? null : Problem.InvalidArgument(sessionProblem);
        if (problem is not null)
        {
            return problem;
        }

        var (writeQuorum, unfit) = await WritableKeyspace(keyspace, context, w, keyspaces, cancellationToken);
        if (unfit is not null)
        {
            return unfit;
        }

        return await Write(http, client, new WriteCommand(keyspace, key!, null, null, condition!, context, writeQuorum, after), cancellationToken);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Write(HttpContext http, IClusterClient client, WriteCommand command, CancellationToken cancellationToken)
    {
        var result = await client.GetGrain<IKeyValueCoordinatorGrain>(0).Write(command).WaitAsync(cancellationToken);
        http.Response.Headers[RegionHeader] = result.Region;
        QuorumParameters.Describe(http, QuorumLevels.Write, result.Quorum);
        ChainHeaders.Describe(http, result.Chain);
        if (result.Status == WriteStatus.PreconditionFailed)
        {
            return Problem.PreconditionFailed(
                $"The condition on '{command.Key}' does not hold for its current version in region '{result.Region}'.",
                result.Version?.ToETag());
        }

        if (result.Status == WriteStatus.TooManySiblings)
        {
            return Problem.TooManySiblings(result.Problem ?? "The write would leave too many siblings.");
        }

        DescribeVersion(http, result.Version!);
        if (result.Quorum is null && result.Chain is null)
        {
            // Leaderless and Chain writes have no log position: they went to the replicas directly.
            http.Response.Headers[LogPositionHeader] = $"{result.Shard}:{result.LogSequence}";
        }

        LeaderHeaders.DescribeWrite(http, result.Leader);

        http.Response.Headers[SessionToken.Header] = SessionToken.For(result.Version!);
        return TypedResults.NoContent();
    }

    private static void DescribeVersion(HttpContext http, WriteVersion version)
    {
        http.Response.Headers.ETag = version.ToETag();
        http.Response.Headers[TimestampHeader] = version.Timestamp.ToString();
        http.Response.Headers.LastModified = version.Timestamp.ToDateTimeOffset().ToString("R");
    }

    /// <summary>
    /// How fresh the serving replica is for this key: the newest write it has applied from each
    /// region (<c>region=wall.logical</c>, comma separated). A client that wrote at time t in region r
    /// and sees r's entry at or after t knows its write is in this answer.
    /// </summary>
    private static void DescribeFreshness(HttpContext http, TimestampVector? seen)
    {
        if (seen is { Entries.Count: > 0 })
        {
            http.Response.Headers[AppliedHeader] = seen.ToString();
        }
    }

    /// <summary>Checks the keyspace name and the key: syntax only, no I/O.</summary>
    internal static (string? Key, ProblemHttpResult? Problem) ValidateAddress(string keyspace, HttpContext http, ApiLimits limits, string prefix = Prefix)
    {
        if (KeyspaceValidator.ValidateName(keyspace) is { } keyspaceProblem)
        {
            return (null, Problem.InvalidKeyspace(keyspaceProblem));
        }

        var (key, encodingProblem) = RequestKey.From(http, prefix, keyspace);
        if (encodingProblem is not null)
        {
            return (null, Problem.InvalidKey(encodingProblem));
        }

        var check = KeyRules.Check(key, limits.MaxKeyBytes);
        return check.Outcome switch
        {
            KeyCheckOutcome.Invalid => (null, Problem.InvalidKey(check.Problem!)),
            KeyCheckOutcome.TooLarge => (null, Problem.TooLarge(check.Problem!)),
            _ => (key, null),
        };
    }

    /// <summary>Checks a write's address, preconditions and causal context: syntax only, no I/O.</summary>
    private static (string? Key, WriteCondition? Condition, VersionVector? Context, ProblemHttpResult? Problem) ValidateWrite(string keyspace, HttpContext http, ApiLimits limits)
    {
        var (key, problem) = ValidateAddress(keyspace, http, limits);
        if (problem is not null)
        {
            return (null, null, null, problem);
        }

        var (condition, conditionProblem) = Preconditions.ForWrite(http.Request);
        if (conditionProblem is not null)
        {
            return (null, null, null, Problem.InvalidArgument(conditionProblem));
        }

        if (!http.Request.Headers.TryGetValue(CausalContextHeader, out var token))
        {
            return (key, condition, null, null);
        }

        return KeyCausalContext.TryDecode(keyspace, key!, token.ToString(), out var context, out var tokenProblem)
            ? (key, condition, context, null)
            : (null, null, null, Problem.InvalidArgument($"{CausalContextHeader}: {tokenProblem}"));
    }

    /// <summary>Checks the keyspace exists, last: it may have to refresh the catalog copy.</summary>
    internal static async ValueTask<(KeyspaceDefinition? Definition, ProblemHttpResult? Problem)> FindKeyspace(string keyspace, KeyspaceCache keyspaces, CancellationToken cancellationToken) =>
        await keyspaces.FindAsync(keyspace, cancellationToken) is { } definition ? (definition, null) : (null, Problem.KeyspaceNotFound(keyspace));

    /// <summary>
    /// The keyspace exists, takes whole values, takes a causal context only if it keeps siblings,
    /// and takes the request's <c>w</c> (returned) only if it is Leaderless and the level fits it.
    /// </summary>
    private static async ValueTask<(int? W, ProblemHttpResult? Problem)> WritableKeyspace(
        string keyspace, VersionVector? context, string? w, KeyspaceCache keyspaces, CancellationToken cancellationToken)
    {
        var (definition, problem) = await FindKeyspace(keyspace, keyspaces, cancellationToken);
        problem ??= NotForCrdts(definition!);
        if (problem is not null)
        {
            return (null, problem);
        }

        if (context is not null && definition!.Policy.Resolver != ConflictResolver.MultiValue)
        {
            return (null, Problem.InvalidArgument($"{CausalContextHeader} applies to MultiValue keyspaces; '{keyspace}' resolves with {definition.Policy.Resolver}."));
        }

        return QuorumParameters.Parse(w, QuorumLevels.Write, definition!);
    }

    private static ProblemHttpResult? NotForCrdts(KeyspaceDefinition definition) =>
        definition.Policy.Resolver == ConflictResolver.Crdt
            ? Problem.InvalidArgument($"Keyspace '{definition.Name}' holds {definition.Policy.Crdt} CRDTs: read and update its keys at {CrdtApi.Prefix}/{definition.Name}/{{key}}.")
            : null;

    private static async Task<(byte[]? Body, ProblemHttpResult? Problem)> ReadBody(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, Problem.TooLarge($"The value is {request.ContentLength} bytes; the limit is {maxBytes}."));
        }

        using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 4096);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (null, Problem.TooLarge($"The value is more than {maxBytes} bytes, the limit."));
            }

            buffer.Write(chunk, 0, read);
        }

        return (buffer.ToArray(), null);
    }
}
