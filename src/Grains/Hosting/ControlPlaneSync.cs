using GeoStore.Abstractions.Catalog;
using GeoStore.Abstractions.Grains;
using GeoStore.Core.Keyspaces;
using GeoStore.Grains.Leadership;
using GeoStore.Grains.Regions;
using GeoStore.Grains.Wan;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GeoStore.Grains.Hosting;

/// <summary>
/// Keeps this silo's copies of the WAN model and keyspace catalog current by polling their
/// versions, so a change made through any API reaches every silo well within a second. Every
/// second it also touches the region's master, which touches every log shard: a shard whose silo
/// died comes back on a live one, reopens its log from storage and resumes shipping, without
/// waiting for the next write. The region's anti-entropy schedule and the leadership view of each
/// SingleLeader keyspace the region replicates are touched alike.
/// </summary>
public sealed partial class ControlPlaneSync(
    IGrainFactory grains,
    ControlPlane controlPlane,
    WanState wan,
    KeyspaceCache keyspaces,
    RegionDirectory regions,
    TimeProvider time,
    ILogger<ControlPlaneSync> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);
    private const int TicksPerLogCheck = 5;

    /// <summary>How long a touch of the region's grains may take; one stuck on a dead silo is abandoned.</summary>
    public static readonly TimeSpan TouchTimeout = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        var tick = 0;
        var touching = Task.CompletedTask;
        do
        {
            try
            {
                // Touches run beside the refresh: a grain whose silo just died can hold a call until
                // membership notices, and the WAN and catalog must keep flowing meanwhile.
                if (tick++ % TicksPerLogCheck == 0 && touching.IsCompleted)
                {
                    touching = TouchRegionAsync(stoppingToken);
                }

                await RefreshWan(stoppingToken);
                await keyspaces.RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The silo may not be active yet, or the control plane's region may be down.
                LogRefreshFailed(logger, ex.Message);
            }
        }
        while (await WaitForNextTick(timer, stoppingToken));
    }

    private static async Task<bool> WaitForNextTick(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task TouchRegionAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Each SingleLeader keyspace's view of its leadership is kept active in the region: the
            // leader's heartbeats and the followers' failover watch run without waiting for traffic.
            var region = regions.LocalRegion;
            var leaderships = keyspaces.Snapshot.Keyspaces
                .Where(k => k.Policy.Mode == ReplicationMode.SingleLeader && k.Policy.IsReplicaIn(region))
                .Select(k => (Task)grains.GetGrain<ILeadershipGrain>(LeadershipKey.Format(region, k.Name)).Current());
            await Task.WhenAll([
                grains.GetGrain<IRegionGrain>(region).GetStatus(),
                grains.GetGrain<IAntiEntropySchedulerGrain>(region).Start(),
                .. leaderships]).WaitAsync(TouchTimeout, time, stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            LogRefreshFailed(logger, ex.Message);
        }
    }

    private async Task RefreshWan(CancellationToken cancellationToken)
    {
        var wanGrain = grains.GetGrain<IWanGrain>(controlPlane.Key);
        var version = await wanGrain.GetVersion().WaitAsync(cancellationToken);
        if (version.Epoch != wan.Model.Epoch || version.Revision != wan.Model.Revision)
        {
            wan.Accept(await wanGrain.Get().WaitAsync(cancellationToken));
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Control plane refresh failed: {Reason}")]
    private static partial void LogRefreshFailed(ILogger logger, string reason);
}
