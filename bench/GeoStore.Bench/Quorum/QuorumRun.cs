using System.Globalization;
using System.Text.Json;
using GeoStore.Bench.Load;
using GeoStore.Bench.OpenLoop;
using GeoStore.Bench.Throughput;
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
    private readonly ThroughputComparison _throughput;
    private readonly QuorumSettings _settings;
    private readonly TimeProvider _time;
    private readonly TextWriter _progress;
    private readonly string[] _keys;
    private readonly string _leaderless;
    private readonly string _multiLeader;

    private QuorumRun(QuorumCluster cluster, ConflictMeter conflicts, QuorumSettings settings, TimeProvider time, TextWriter progress)
    {
        (_cluster, _settings, _time, _progress) = (cluster, settings, time, progress);
        _keys = BenchKeys.LoadKeys(settings.Keys);
        _throughput = new ThroughputComparison(cluster.Cluster, conflicts, _keys, settings.ThroughputPlan(), time, progress);
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
    private Task<WarmupResult> WarmUpAsync(CancellationToken cancellationToken) =>
        _throughput.WarmUpAsync(
            [.. Conditions, new ThroughputCondition("leaderless all", _leaderless, _settings.N, _settings.N)], _settings.FirstWarmup, _settings.MaxFirstWarmup, cancellationToken);

    /// <summary>Closed-loop phases at no WAN latency, the conditions in the order A B C C B A …, pooled per condition.</summary>
    private Task<(IReadOnlyList<ThroughputPhase> Phases, IReadOnlyList<ThroughputResult> Pooled)> MeasureThroughputAsync(CancellationToken cancellationToken) =>
        _throughput.MeasureAsync(Conditions, cancellationToken);

    /// <summary>
    /// Sets the WAN matrix, runs one unmeasured slice of every case mixed (so the delayed paths are
    /// compiled), then one open-loop phase per (region, operation, level).
    /// </summary>
    private async Task<IReadOnlyList<LatencyRow>> MeasureLatencyAsync(CancellationToken cancellationToken)
    {
        _progress.WriteLine($"setting the WAN matrix: {_settings.Wan.Describe()}…");
        await _cluster.SetWanAsync(_settings.Wan);
        var cases = LatencyCase.All(_cluster.Regions.Count, _settings.N);
        var load = new OpenLoopLatency(_time);
        var rate = _settings.LatencyRate;
        _progress.WriteLine(Format($"warming up over the WAN: every case mixed at {rate} ops/s for {Warmup.Slice.TotalSeconds:0} s…"));
        await load.RunAsync(Operations(cases), rate, TimeSpan.Zero, Warmup.Slice, _settings.Seed, cancellationToken);

        var rows = new List<LatencyRow>();
        foreach (var @case in cases)
        {
            var region = _cluster.Regions[@case.Region];
            _progress.WriteLine(Format($"latency phase {rows.Count + 1}/{cases.Count}: {@case.Operation} {@case.LevelName} from {region}, {rate} ops/s…"));
            var phase = await load.RunAsync(Operations([@case]), rate, _settings.Warmup, _settings.Duration, _settings.Seed + rows.Count + 1, cancellationToken);
            rows.Add(LatencyRow.Measured(@case, _settings.Wan, phase));
        }

        return rows;
    }

    /// <summary>
    /// The latency phase's operations: one of <paramref name="cases"/>, a key drawn uniformly, a fresh
    /// value; short when the quorum answer holds fewer replicas than the level asked for.
    /// </summary>
    private Func<Random, Func<Task<bool>>> Operations(IReadOnlyList<LatencyCase> cases) => random =>
    {
        var @case = cases[cases.Count == 1 ? 0 : random.Next(cases.Count)];
        var key = _keys[random.Next(_keys.Length)];
        var value = new byte[_settings.ValueSize];
        random.NextBytes(value);
        return async () =>
        {
            var answer = await _cluster.RunAsync(@case.Operation, @case.Region, _leaderless, key, @case.Level, value);
            return answer is null || answer.Acked.Length < @case.Level;
        };
    };

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
