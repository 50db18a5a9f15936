using GeoStore.Abstractions.Catalog;

namespace GeoStore.Api.Client;

/// <summary>Keeps this process's copy of the keyspace catalog current by polling its revision.</summary>
public sealed partial class CatalogRefresher(KeyspaceCache keyspaces, TimeProvider time, ILogger<CatalogRefresher> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            do
            {
                try
                {
                    await keyspaces.RefreshAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogRefreshFailed(logger, ex.Message);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Catalog refresh failed: {Reason}")]
    private static partial void LogRefreshFailed(ILogger logger, string reason);
}
