using GeoStore.Abstractions.Errors;
using GeoStore.Abstractions.Options;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace GeoStore.Api.Problems;

/// <summary>
/// The one place where typed errors from the grain layer become problem details. An Orleans
/// client that cannot reach its own region's gateways reports this region as unavailable.
/// </summary>
public sealed partial class GeoStoreExceptionHandler(IOptions<GeoStoreOptions> options, ILogger<GeoStoreExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Map(exception, options.Value.Region);
        if (problem.StatusCode >= 500 && problem.ProblemDetails.Type == ProblemTypes.Internal)
        {
            LogUnhandled(logger, exception);
        }

        await problem.ExecuteAsync(httpContext);
        return true;
    }

    public static ProblemHttpResult Map(Exception exception, string localRegion) => exception switch
    {
        RegionUnavailableException e => Problem.RegionUnavailable(e.Region, e.Message),
        QuorumNotMetException e => Problem.QuorumNotMet(e.Operation, e.Required, e.Acked, e.Hinted, e.Failed, e.MayBeApplied, e.Message),
        FencedException e => Problem.Fenced(e.Keyspace, e.Region, e.Carried?.Number, e.Current.Number, e.Current.Leader, e.Indeterminate, e.Message),
        ReplicationNotMetException e => Problem.ReplicationNotMet(
            e.Keyspace, e.Reach.Epoch.Number, e.Reach.Sequence, e.Replication, e.Reach.Required,
            [.. e.Reach.Applied.Union(e.Reach.Received)], [.. e.Reach.Missing], e.Message),
        FailoverRefusedException e => Problem.FailoverRefused(e.Keyspace, e.Kind, e.Forcible, e.Message),
        FailoverConflictException e => Problem.FailoverConflict(e.Expected.Number, e.Current.Number, e.Current.Leader, e.Message),
        ChainUnavailableException e => Problem.ChainUnavailable(e.Keyspace, e.Operation, e.ChainVersion, e.Chain, e.Unreached, e.MayBeApplied, e.Message),
        StaleReadException e => Problem.StaleRead(e.Region, e.Awaited.ToString(), e.Waited.TotalMilliseconds, e.Message),
        KeyspaceNotFoundException e => Problem.KeyspaceNotFound(e.Keyspace),
        InvalidKeyspaceException e => Problem.InvalidArgument(e.Message, e.Errors),
        InvalidWanSettingException e => Problem.InvalidArgument(e.Message),
        SiloUnavailableException or ConnectionFailedException or OrleansMessageRejectionException or TimeoutException =>
            Problem.RegionUnavailable(localRegion, $"Region '{localRegion}' could not be reached from this API: {exception.Message}"),
        OrleansException { InnerException: { } inner } => Map(inner, localRegion),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } e => Problem.TooLarge(e.Message),
        BadHttpRequestException e => Problem.Of(e.StatusCode, ProblemTypes.InvalidArgument, "The request is not valid", e.Message),
        _ => Problem.Of(StatusCodes.Status500InternalServerError, ProblemTypes.Internal, "Internal error", "The request failed unexpectedly; see the server log."),
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error")]
    private static partial void LogUnhandled(ILogger logger, Exception exception);
}
