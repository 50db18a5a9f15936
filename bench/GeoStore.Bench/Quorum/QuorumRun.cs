using System.Globalization;
using System.Text.Json;
using GeoStore.Bench.Load;
using GeoStore.Bench.Topology;
using GeoStore.Core.Keyspaces;

namespace GeoStore.Bench.Quorum;

/// <summary>
/// The quorum scenario (<c>--scenario quorum</c>), in-process: a Leaderless keyspace over the
/// three regions and a MultiLeader one as the baseline, every key on every replica first; a
/// warm-up at no WAN latency until the JIT is quiet; the throughput phases at no WAN latency; then
/// the WAN matrix and one open-loop latency phase per coordinator region, operation and level.
/// Progress goes to stderr, the tables to <c>output</c>.
/// </summary>
public sealed class QuorumRun
{
    private readonly QuorumCluster _cluster;
    private readonly ConflictMeter _conflicts;
    private readonly QuorumSettings _settings;
    private readonly TimeProvider _time;
    private readonly TextWriter _progress;
    private readonly string[] _keys;
    private readonly string _leaderless;
    private readonly string _multiLeader;

    private QuorumRun(QuorumCluster cluster, ConflictMeter conflicts, QuorumSettings settings, TimeProvider time, TextWriter progress)
    {
        (_cluster, _conflicts, _settings, _time, _progress) = (cluster, conflicts, settings, time, progress);
        _keys = BenchKeys.LoadKeys(settings.Keys);
        var run = Guid.NewGuid().ToString("N")[..8];
        _leaderless = $"quorum-{run}";
        _multiLeader = $"multi-{run}";
    }

    /// <summary>The baseline first: every throughput ratio is against it.</summary>
    private IReadOnlyList<ThroughputCondition> Conditions =>
    [
        new("multi-leader", _multiLeader, null, null),
        new("leaderless W=1 R=1", _leaderless, 1, 1),
        new("leaderless W=2 R=2", _leaderless, 2, 2),
    ];

    public static async Task<int> RunAsync(QuorumSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        var time = TimeProvider.System;
        var progress = Console.Error;
        var startedAt = time.GetUtcNow();
        using var conflicts = new ConflictMeter();
        progress.WriteLine("starting the in-process cluster…");
        await using var cluster = await QuorumCluster.StartAsync(settings);
        progress.WriteLine(cluster.Description);

        var run = new QuorumRun(cluster, conflicts, settings, time, progress);
        await run.PrepareAsync();
        var warmup = await run.WarmUpAsync(cancellationToken);
        var (phases, throughput) = settings.MeasureThroughput ? await run.MeasureThroughputAsync(cancellationToken) : ([], []);
        var latency = settings.MeasureLatency ? await run.MeasureLatencyAsync(cancellationToken) : [];

        var report = new QuorumReport(cluster.Description, BenchRun.Machine(), startedAt, settings, warmup, phases, throughput, latency);
        QuorumReportWriter.Write(output, report);
        if (settings.JsonPath is { } path)
        {
            await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, BenchRun.Json), cancellationToken);
            progress.WriteLine($"results written to {path}");
        }

        return 0;
    }

    /// <summary>
    /// Creates both keyspaces and puts every key on every replica: Leaderless writes with W = N,
    /// then a read of every key in every region, so no phase times a grain activation.
    /// </summary>
    private async Task PrepareAsync()
    {
        var regions = QuorumSettings.Regions;
        await _cluster.SetWanAsync(null);
        await _cluster.CreateKeyspaceAsync(_leaderless, new KeyspacePolicy(ReplicationMode.Leaderless, [.. regions]));
        await _cluster.CreateKeyspaceAsync(_multiLeader, new KeyspacePolicy(ReplicationMode.MultiLeader, [.. regions]));
        _progress.WriteLine(Format($"writing {_keys.Length} keys to every replica of {_leaderless} (Leaderless, N = {_settings.N}) and {_multiLeader} (MultiLeader)…"));
        var random = new Random(_settings.Seed);
        await Parallel.ForEachAsync(Enumerable.Range(0, _keys.Length), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            var value = new byte[_settings.ValueSize];
            lock (random)
            {
                random.NextBytes(value);
            }

            var origin = i % regions.Count;
            await _cluster.WriteAsync(origin, _leaderless, _keys[i], value, _settings.N);
            await _cluster.WriteAsync(origin, _multiLeader, _keys[i], value, null);
            for (var region = 0; region < regions.Count; region++)
            {
                await _cluster.ReadAsync(region, _leaderless, _keys[i], 1);
                await _cluster.ReadAsync(region, _multiLeader, _keys[i], null);
            }
        });
        await _cluster.DrainAsync(BenchRun.ReplicationDeadline);
    }

    /// <summary>
    /// Unmeasured 2 s slices of the throughput mix at no WAN latency, cycling over the conditions
    /// and W = R = N, until at least the minimum has passed and the JIT is quiet (see <see cref="Warmup"/>).
    /// </summary>
    private async Task<WarmupResult> WarmUpAsync(CancellationToken cancellationToken)
    {
        var conditions = Conditions.Append(new ThroughputCondition("leaderless all", _leaderless, _settings.N, _settings.N)).ToArray();
        var mix = new ClosedLoopMix(_cluster, _time);
        _progress.WriteLine(Format($"warming up (at least {_settings.FirstWarmup.TotalSeconds:0} s, until the JIT is quiet)…"));
        var started = _time.GetTimestamp();
        for (var slice = 0; ; slice++)
        {
            var condition = conditions[slice % conditions.Length];
            var tally = (await mix.RunAsync(
                condition, _keys, _settings.Concurrency, _settings.ReadRatio, TimeSpan.Zero, Warmup.Slice, _settings.Seed + slice + 1, _settings.ValueSize, cancellationToken)).Tally;
            var elapsed = _time.GetElapsedTime(started);
            var jitShare = tally.Runtime.JitMs / tally.Runtime.WindowMs;
            var quiet = jitShare < Warmup.QuietJitShare;
            var ops = (tally.Gets.Count + tally.Puts.Count) / Warmup.Slice.TotalSeconds;
            _progress.WriteLine(Format($"  warm-up slice {slice + 1} ({condition.Name}): {ops:0} ops/s, JIT {tally.Runtime.JitMethods} methods in {tally.Runtime.JitMs:0} ms, GC paused {tally.Runtime.GcPausedShare:P0}"));
            if ((elapsed >= _settings.FirstWarmup && quiet) || elapsed >= _settings.MaxFirstWarmup)
            {
                await _cluster.DrainAsync(BenchRun.ReplicationDeadline);
                return new WarmupResult(elapsed.TotalSeconds, jitShare, quiet);
            }
        }
    }

    /// <summary>Closed-loop phases at no WAN latency, the conditions in the order A B C C B A …, pooled per condition.</summary>
    private async Task<(IReadOnlyList<ThroughputPhase> Phases, IReadOnlyList<ThroughputResult> Pooled)> MeasureThroughputAsync(CancellationToken cancellationToken)
    {
        var conditions = Conditions;
        var mix = new ClosedLoopMix(_cluster, _time);
        var phases = new List<ThroughputPhase>();
        var pooled = conditions.ToDictionary(c => c.Name, _ => new LoadTally(), StringComparer.Ordinal);
        var allocated = conditions.ToDictionary(c => c.Name, _ => 0L, StringComparer.Ordinal);
        var conflicts = conditions.ToDictionary(c => c.Name, _ => 0L, StringComparer.Ordinal);
        for (var round = 0; round < _settings.Rounds; round++)
        {
            foreach (var condition in round % 2 == 0 ? conditions : conditions.Reverse())
            {
                _progress.WriteLine(Format($"throughput phase {phases.Count + 1}/{conditions.Count * _settings.Rounds}: {condition.Name}, {_settings.Concurrency} clients…"));
                var conflictsBefore = _conflicts.Count(condition.Keyspace);
                var window = await mix.RunAsync(
                    condition, _keys, _settings.Concurrency, _settings.ReadRatio, _settings.Warmup, _settings.Duration, _settings.Seed, _settings.ValueSize, cancellationToken);
                var drained = await _cluster.DrainAsync(BenchRun.ReplicationDeadline);
                var conflicted = _conflicts.Count(condition.Keyspace) - conflictsBefore;
                phases.Add(new ThroughputPhase(
                    phases.Count + 1, condition.Name, window.Tally.ToResult(condition.Name, 0, _settings.Concurrency), PerOperation(window.AllocatedBytes, window.Operations),
                    window.ActiveTimers, conflicted, drained.TotalSeconds));
                pooled[condition.Name].AddPhase(window.Tally);
                allocated[condition.Name] += window.AllocatedBytes;
                conflicts[condition.Name] += conflicted;
            }
        }

        var results = conditions.Select(c => pooled[c.Name].ToResult(c.Name, 0, _settings.Concurrency)).ToArray();
        var baseline = results[0].All.OpsPerSecond;
        return (phases, [.. conditions.Zip(results, (condition, result) =>
        {
            var own = phases.Where(p => p.Condition == condition.Name).Select(p => p.Load.All.OpsPerSecond).ToArray();
            var spread = own.Min() > 0 ? own.Max() / own.Min() : double.NaN;
            return new ThroughputResult(
                condition, result, baseline > 0 ? result.All.OpsPerSecond / baseline : double.NaN, spread, PerOperation(allocated[condition.Name], result.All.Count),
                1000 * PerOperation(conflicts[condition.Name], result.Puts.Count));
        })]);
    }

    /// <summary>
    /// Sets the WAN matrix, runs one unmeasured slice of every case mixed (so the delayed paths are
    /// compiled), then one open-loop phase per (region, operation, level).
    /// </summary>
    private async Task<IReadOnlyList<LatencyRow>> MeasureLatencyAsync(CancellationToken cancellationToken)
    {
        _progress.WriteLine($"setting the WAN matrix: {_settings.Wan.Describe()}…");
        await _cluster.SetWanAsync(_settings.Wan);
        var cases = LatencyCase.All(_cluster.Regions.Count, _settings.N);
        var load = new OpenLoopLatency(_cluster, _time);
        var rate = _settings.LatencyRate;
        _progress.WriteLine(Format($"warming up over the WAN: every case mixed at {rate} ops/s for {Warmup.Slice.TotalSeconds:0} s…"));
        await load.RunAsync(cases, _leaderless, _keys, rate, TimeSpan.Zero, Warmup.Slice, _settings.Seed, _settings.ValueSize, cancellationToken);

        var rows = new List<LatencyRow>();
        foreach (var @case in cases)
        {
            var region = _cluster.Regions[@case.Region];
            _progress.WriteLine(Format($"latency phase {rows.Count + 1}/{cases.Count}: {@case.Operation} {@case.LevelName} from {region}, {rate} ops/s…"));
            var phase = await load.RunAsync([@case], _leaderless, _keys, rate, _settings.Warmup, _settings.Duration, _settings.Seed + rows.Count + 1, _settings.ValueSize, cancellationToken);
            rows.Add(LatencyRow.Measured(@case, _settings.Wan, phase));
        }

        return rows;
    }

    private static double PerOperation(long bytes, long operations) => operations > 0 ? bytes / (double)operations : double.NaN;

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
