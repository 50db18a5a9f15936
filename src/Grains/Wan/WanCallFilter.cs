using System.Diagnostics;
using GeoStore.Abstractions.Errors;
using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Options;
using GeoStore.Core.Regions;
using GeoStore.Grains.Observability;
using GeoStore.Grains.Regions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;

namespace GeoStore.Grains.Wan;

/// <summary>
/// The in-cluster region transport's WAN: every outgoing call to a per-region grain of another
/// region pays the link's one-way latency on the request and again on the reply, may be lost,
/// and fails fast with <see cref="RegionUnavailableException"/> when the link is cut or the
/// region has no live silo. Delays happen here, on the caller's side, so the callee's turn is
/// never held and calls in flight overlap as they do on a real link.
/// </summary>
public sealed partial class WanCallFilter(
    WanState wan,
    RegionDirectory regions,
    IOptions<GeoStoreOptions> options,
    TimeProvider time,
    GeoStoreMetrics metrics,
    ILogger<WanCallFilter> logger) : IOutgoingGrainCallFilter
{
    private readonly string _localRegion = options.Value.Region;
    private readonly TimeSpan _timeout = options.Value.CrossRegionTimeout;

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        var target = TargetRegion(context);
        if (target is null || string.Equals(target, _localRegion, StringComparison.Ordinal))
        {
            await context.Invoke();
            return;
        }

        // One span per cross-region call, around both legs: its duration is what the caller paid.
        using var activity = GeoStoreTelemetry.Source.StartActivity($"wan {target}", ActivityKind.Client);
        activity?.SetTag("geostore.region", _localRegion);
        activity?.SetTag("geostore.peer_region", target);
        activity?.SetTag("rpc.method", $"{context.InterfaceName}.{context.MethodName}");
        activity?.SetTag("geostore.wan.one_way_ms", wan.Model.Link(_localRegion, target).LatencyMs);
        try
        {
            await CrossAsync(context, target);
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            throw;
        }
    }

    private async Task CrossAsync(IOutgoingGrainCallContext context, string target)
    {
        if (!regions.HasLiveSilo(target))
        {
            metrics.RecordWanRefused(_localRegion, target, "region-down");
            throw new RegionUnavailableException(target, "no live silo in the region");
        }

        await Traverse(_localRegion, target, target, "request");

        try
        {
            await context.Invoke().WaitAsync(_timeout, time);
        }
        catch (TimeoutException ex)
        {
            throw new RegionUnavailableException(target, $"no answer within {_timeout.TotalMilliseconds:0} ms", ex, mayHaveActed: true);
        }
        catch (Exception ex) when (ex is SiloUnavailableException or OrleansMessageRejectionException or ConnectionFailedException)
        {
            // A silo that died but is not yet declared dead: the message is refused, untyped.
            throw new RegionUnavailableException(target, "its silo went away", ex, mayHaveActed: true);
        }

        // The reply crosses the reverse link: when it is cut or loses the reply, the callee has
        // acted but the caller cannot know, exactly the ambiguity a real WAN produces.
        await Traverse(target, _localRegion, target, "reply");
    }

    private async Task Traverse(string from, string to, string remote, string leg)
    {
        var link = wan.Model.Link(from, to);
        if (link.Cut)
        {
            LogLinkCut(logger, from, to, leg);
            metrics.RecordWanRefused(from, to, "cut");
            throw new RegionUnavailableException(remote, "the link is unreachable", mayHaveActed: leg == "reply");
        }

        if (link.LatencyMs > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(link.LatencyMs), time);
        }

        if (wan.Drops(link))
        {
            LogMessageLost(logger, from, to, leg);
            metrics.RecordWanRefused(from, to, "lost");
            throw new RegionUnavailableException(remote, "the link is unreachable", mayHaveActed: leg == "reply");
        }
    }

    private static string? TargetRegion(IOutgoingGrainCallContext context) =>
        context.Grain is IRegionScopedGrain ? RegionNames.RegionOfKey(context.TargetId.Key.ToString()) : null;

    [LoggerMessage(Level = LogLevel.Debug, Message = "WAN link {From}->{To} is cut; {Leg} refused")]
    private static partial void LogLinkCut(ILogger logger, string from, string to, string leg);

    [LoggerMessage(Level = LogLevel.Debug, Message = "WAN link {From}->{To} lost a {Leg}")]
    private static partial void LogMessageLost(ILogger logger, string from, string to, string leg);
}
