using GeoStore.Core.Leadership;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GeoStore.Api.Problems;

/// <summary>Builds GeoStore's problem answers; every error the API gives is made here.</summary>
public static class Problem
{
    public static ProblemHttpResult Of(int status, string type, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, type: type, extensions: extensions);

    public static ProblemHttpResult InvalidKey(string detail) =>
        Of(StatusCodes.Status400BadRequest, ProblemTypes.InvalidKey, "The key is not valid", detail);

    public static ProblemHttpResult InvalidKeyspace(string detail) =>
        Of(StatusCodes.Status400BadRequest, ProblemTypes.InvalidKeyspace, "The keyspace name is not valid", detail);

    public static ProblemHttpResult InvalidArgument(string detail, IReadOnlyDictionary<string, string[]>? errors = null) =>
        Of(StatusCodes.Status400BadRequest, ProblemTypes.InvalidArgument, "The request is not valid", detail,
            errors is null ? null : new Dictionary<string, object?> { ["errors"] = errors });

    public static ProblemHttpResult TooLarge(string detail) =>
        Of(StatusCodes.Status413PayloadTooLarge, ProblemTypes.TooLarge, "The request is too large", detail);

    public static ProblemHttpResult KeyspaceNotFound(string keyspace) =>
        Of(StatusCodes.Status404NotFound, ProblemTypes.KeyspaceNotFound, "The keyspace does not exist", $"Keyspace '{keyspace}' does not exist.",
            new Dictionary<string, object?> { ["keyspace"] = keyspace });

    public static ProblemHttpResult KeyNotFound(string keyspace, string key, string region) =>
        Of(StatusCodes.Status404NotFound, ProblemTypes.KeyNotFound, "The key has no value", $"Key '{key}' in keyspace '{keyspace}' has no value in region '{region}'.",
            new Dictionary<string, object?> { ["region"] = region });

    public static ProblemHttpResult PreconditionFailed(string detail, string? currentETag) =>
        Of(StatusCodes.Status412PreconditionFailed, ProblemTypes.PreconditionFailed, "A precondition failed", detail,
            new Dictionary<string, object?> { ["currentETag"] = currentETag });

    public static ProblemHttpResult RegionUnavailable(string region, string detail) =>
        Of(StatusCodes.Status503ServiceUnavailable, ProblemTypes.RegionUnavailable, "A region is unavailable", detail,
            new Dictionary<string, object?> { ["region"] = region });

    public static ProblemHttpResult StaleRead(string region, string awaited, double waitedMs, string detail) =>
        Of(StatusCodes.Status503ServiceUnavailable, ProblemTypes.StaleRead, "The replica has not applied the session's write yet", detail,
            new Dictionary<string, object?> { ["region"] = region, ["awaited"] = awaited, ["waitedMs"] = waitedMs });

    /// <summary>
    /// 503: a quorum operation reached too few replicas. <c>indeterminate</c> is true when some
    /// replica stored the write anyway: the client cannot know whether it took effect.
    /// </summary>
    public static ProblemHttpResult QuorumNotMet(string operation, int required, string[] acked, string[] hinted, string[] unreached, bool indeterminate, string detail) =>
        Of(StatusCodes.Status503ServiceUnavailable, ProblemTypes.QuorumNotMet, "The quorum was not met", detail,
            new Dictionary<string, object?>
            {
                ["operation"] = operation,
                ["required"] = required,
                ["acks"] = acked.Length,
                ["replicas"] = acked,
                ["hinted"] = hinted,
                ["unreached"] = unreached,
                ["indeterminate"] = indeterminate,
            });

    /// <summary>409: a SingleLeader write or entry carried a deposed epoch, or reached a region that does not lead.</summary>
    /// <remarks><c>indeterminate</c> is true when the write was logged before it was fenced: it survives if the new leader had received it.</remarks>
    public static ProblemHttpResult Fenced(string keyspace, string region, long? carriedEpoch, long currentEpoch, string leader, bool indeterminate, string detail) =>
        Of(StatusCodes.Status409Conflict, ProblemTypes.Fenced, "Fenced: a newer leader epoch exists", detail,
            new Dictionary<string, object?>
            {
                ["keyspace"] = keyspace,
                ["region"] = region,
                ["carriedEpoch"] = carriedEpoch,
                ["currentEpoch"] = currentEpoch,
                ["leader"] = leader,
                ["indeterminate"] = indeterminate,
            });

    /// <summary>
    /// 503: a SemiSync or Sync write is durable at the leader but too few followers acknowledged it
    /// in time. Not acknowledged: it may still replicate, or be lost by a failover.
    /// </summary>
    public static ProblemHttpResult ReplicationNotMet(string keyspace, long epoch, long sequence, string replication, int required, string[] acked, string[] missing, string detail) =>
        Of(StatusCodes.Status503ServiceUnavailable, ProblemTypes.ReplicationNotMet, "The write did not reach the followers it waits for", detail,
            new Dictionary<string, object?>
            {
                ["keyspace"] = keyspace,
                ["epoch"] = epoch,
                ["sequence"] = sequence,
                ["replication"] = replication,
                ["required"] = required,
                ["acked"] = acked,
                ["missing"] = missing,
                ["indeterminate"] = true,
            });

    /// <summary>
    /// 503 (409 when the named target is behind another follower): the failover promoted nobody,
    /// because promoting now could lose acknowledged writes or no follower could be reached.
    /// <c>forcible</c>: repeating with <c>"force": true</c> would promote anyway, at that risk.
    /// </summary>
    public static ProblemHttpResult FailoverRefused(string keyspace, FailoverRefusalKind kind, bool forcible, string detail) =>
        Of(kind == FailoverRefusalKind.TargetBehind ? StatusCodes.Status409Conflict : StatusCodes.Status503ServiceUnavailable,
            ProblemTypes.FailoverRefused, "The failover was refused: promoting now could lose acknowledged writes", detail,
            new Dictionary<string, object?> { ["keyspace"] = keyspace, ["reason"] = kind.ToString(), ["forcible"] = forcible });

    public static ProblemHttpResult FailoverConflict(long expectedEpoch, long currentEpoch, string leader, string detail) =>
        Of(StatusCodes.Status409Conflict, ProblemTypes.FailoverConflict, "Another failover won", detail,
            new Dictionary<string, object?> { ["expectedEpoch"] = expectedEpoch, ["currentEpoch"] = currentEpoch, ["leader"] = leader });

    /// <summary>
    /// 503: a Chain keyspace's write did not reach the tail in time (or a read found no member to
    /// answer). <c>indeterminate</c> is true when the head took the write: it may still be committed
    /// with the next write to the key, so the client cannot know and should retry it.
    /// </summary>
    public static ProblemHttpResult ChainUnavailable(string keyspace, string operation, long chainVersion, string[] chain, string[] unreached, bool indeterminate, string detail) =>
        Of(StatusCodes.Status503ServiceUnavailable, ProblemTypes.ChainUnavailable, "The chain could not complete the operation", detail,
            new Dictionary<string, object?>
            {
                ["keyspace"] = keyspace,
                ["operation"] = operation,
                ["chainVersion"] = chainVersion,
                ["chain"] = chain,
                ["unreached"] = unreached,
                ["indeterminate"] = indeterminate,
            });

    public static ProblemHttpResult TooManySiblings(string detail) =>
        Of(StatusCodes.Status409Conflict, ProblemTypes.TooManySiblings, "Too many siblings", detail);

    public static ProblemHttpResult InvalidOperation(string detail) =>
        Of(StatusCodes.Status409Conflict, ProblemTypes.InvalidOperation, "The operation does not fit the key's state", detail);

    public static ProblemHttpResult Unauthorized() =>
        Of(StatusCodes.Status401Unauthorized, ProblemTypes.Unauthorized, "Authentication required",
            "Admin endpoints need 'Authorization: Bearer <token>' with the configured GeoStore:AdminToken.");
}
