using GeoStore.Abstractions.Catalog;
using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Options;
using GeoStore.Core.Keyspaces;
using GeoStore.Grains.Placement;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace GeoStore.Grains.AntiEntropy;

/// <summary>
/// A region's anti-entropy clock: a grain timer that keeps this activation alive and, every
/// <see cref="GeoStoreOptions.AntiEntropyInterval"/>, runs one round for each Leaderless keyspace
/// the region replicates, one keyspace after another, so a region never floods its peers.
/// <see cref="Hosting.ControlPlaneSync"/> touches it on every silo, which brings it back on a live
/// silo after its own dies. Reentrant, so that touch never waits for a round.
/// </summary>
[RegionPlacement, Reentrant]
public sealed class AntiEntropySchedulerGrain(
    KeyspaceCache keyspaces,
    IOptions<GeoStoreOptions> options,
    ILogger<AntiEntropySchedulerGrain> logger) : Grain, IAntiEntropySchedulerGrain
{
    private string _region = string.Empty;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _region = this.GetPrimaryKeyString();
        var interval = options.Value.AntiEntropyInterval;
        this.RegisterGrainTimer(RunRoundsAsync, new GrainTimerCreationOptions(interval, interval) { KeepAlive = true });
        return Task.CompletedTask;
    }

    public Task Start() => Task.CompletedTask;

    private async Task RunRoundsAsync(CancellationToken cancellationToken)
    {
        var mine = keyspaces.Snapshot.Keyspaces
            .Where(k => k.Policy.Mode == ReplicationMode.Leaderless && k.Policy.IsReplicaIn(_region))
            .Select(k => k.Name)
            .Order(StringComparer.Ordinal)
            .ToArray();
        foreach (var keyspace in mine)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                await GrainFactory.GetGrain<IAntiEntropyGrain>(AntiEntropyKey.Format(_region, keyspace)).Repair();
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The keyspace may have been dropped or changed since the snapshot; the next tick tries again.
                logger.ScheduledRoundFailed(keyspace, _region, ex.Message);
            }
        }
    }
}
