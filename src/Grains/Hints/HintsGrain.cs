using GeoStore.Abstractions.Errors;
using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Abstractions.Options;
using GeoStore.Core.Replication;
using GeoStore.Core.Versioning;
using GeoStore.Grains.Observability;
using GeoStore.Grains.Placement;
using GeoStore.Grains.Regions;
using GeoStore.Grains.Storage;
using GeoStore.Grains.Transport;
using GeoStore.Grains.Wan;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GeoStore.Grains.Hints;

/// <summary>
/// Holds writes for unreachable regions in one durable log per target (<c>hints-{target}</c> in the
/// region's log store) and replays them, oldest first, when the target answers again. Replay
/// applies versions with the replicas' idempotent merge, so a hint delivered twice changes nothing;
/// a hint is dropped only after its target has applied it, or once it is older than
/// <see cref="GeoStoreOptions.TombstoneGrace"/>: anti-entropy may purge a tombstone that old, and a
/// late hint of an older write would then bring the deleted key back. Dropping it loses nothing a
/// replica needs: past the grace, anti-entropy has brought the target up to date.
/// </summary>
[RegionPlacement]
public sealed partial class HintsGrain(
    IReplicationLogStore store,
    IRegionTransport transport,
    RegionDirectory regions,
    WanState wan,
    IOptions<GeoStoreOptions> options,
    TimeProvider time,
    GeoStoreMetrics metrics,
    ILogger<HintsGrain> logger) : Grain, IHintsGrain
{
    public static readonly TimeSpan ReplayInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Most hints replayed per target in one tick: a replay holds the grain's turn, and a write that
    /// needs a hint held waits behind it, so a tick stays short whatever the backlog.
    /// </summary>
    public const int ReplayBatch = 64;

    private readonly Dictionary<string, List<LogEntry>> _pending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _last = new(StringComparer.Ordinal);
    private string _region = string.Empty;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _region = this.GetPrimaryKeyString();
        foreach (var target in options.Value.RegionList.Where(r => !string.Equals(r, _region, StringComparison.Ordinal)))
        {
            var stored = await store.OpenAsync(_region, LogNames.Hints(target), cancellationToken);
            _pending[target] = [.. stored.Entries];
            _last[target] = stored.LastSequence;
        }

        this.RegisterGrainTimer(Replay, new GrainTimerCreationOptions(ReplayInterval, ReplayInterval) { KeepAlive = true });
    }

    public async Task<long> Hold(string target, LogEntry entry)
    {
        if (!_pending.TryGetValue(target, out var queue))
        {
            throw new ArgumentException($"'{target}' is not a peer region of {_region}.", nameof(target));
        }

        entry = entry with { Sequence = _last[target] + 1 };
        await store.AppendAsync(_region, LogNames.Hints(target), [entry], CancellationToken.None);
        _last[target] = entry.Sequence;
        queue.Add(entry);
        return entry.Sequence;
    }

    public Task<IReadOnlyList<HintBacklog>> GetBacklog()
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return Task.FromResult<IReadOnlyList<HintBacklog>>([.. _pending.Select(p => new HintBacklog(
            p.Key, p.Value.Count, p.Value.Count == 0 ? 0 : Math.Max(0, now - p.Value[0].Value.Version.Timestamp.WallMs)))]);
    }

    private async Task Replay(CancellationToken cancellationToken)
    {
        foreach (var (target, queue) in _pending)
        {
            metrics.ReportHints(_region, target, queue.Count);
            if (queue.Count == 0 || !regions.HasLiveSilo(target) || wan.Model.Link(_region, target).Cut || wan.Model.Link(target, _region).Cut)
            {
                continue;
            }

            var delivered = 0;
            var expired = 0;
            var oldest = time.GetUtcNow().ToUnixTimeMilliseconds() - (long)options.Value.TombstoneGrace.TotalMilliseconds;
            try
            {
                foreach (var hint in queue.Take(ReplayBatch))
                {
                    if (hint.Value.Version.Timestamp.WallMs < oldest)
                    {
                        expired++;
                    }
                    else
                    {
                        await transport.ApplyAsync(target, hint);
                    }

                    delivered++;
                }
            }
            catch (RegionUnavailableException ex)
            {
                LogReplayStopped(logger, _region, target, ex.Reason);
            }

            if (expired > 0)
            {
                metrics.RecordHintsExpired(_region, target, expired);
                LogHintsExpired(logger, _region, target, expired);
            }

            if (delivered > 0)
            {
                var through = queue[delivered - 1].Sequence;
                await store.CompactAsync(_region, LogNames.Hints(target), new Dictionary<string, long> { [target] = through }, through, CancellationToken.None);
                queue.RemoveRange(0, delivered);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hints of {Region} for {Target}: {Expired} older than the tombstone grace were dropped; anti-entropy repairs the target")]
    private static partial void LogHintsExpired(ILogger logger, string region, string target, int expired);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Hints of {Region} for {Target} wait: {Reason}")]
    private static partial void LogReplayStopped(ILogger logger, string region, string target, string reason);
}
