using GeoStore.Abstractions.Catalog;
using GeoStore.Abstractions.Grains;
using GeoStore.Grains.Wan;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GeoStore.Grains.Hosting;

/// <summary>
/// Keeps this silo's copies of the WAN model and keyspace catalog current by polling their
/// revisions, so a change made through any API reaches every silo well within a second.
/// </summary>
public sealed partial class ControlPlaneSync(
    IGrainFactory grains,
    ControlPlane controlPlane,
    WanState wan,
    KeyspaceCache keyspaces,
    TimeProvider time,
    ILogger<ControlPlaneSync> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
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
