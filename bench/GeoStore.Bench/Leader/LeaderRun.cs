using System.Globalization;
using System.Text.Json;
using GeoStore.Bench.Load;
using GeoStore.Bench.OpenLoop;
using GeoStore.Bench.Throughput;
using GeoStore.Bench.Topology;
using GeoStore.Core.Keyspaces;

namespace GeoStore.Bench.Leader;

/// <summary>
/// The leader scenario (<c>--scenario leader</c>), in-process: one keyspace per mode (SingleLeader
/// Async, SemiSync(1), Sync, and a Chain) led (headed) by <see cref="LeaderSettings.Leader"/> and a
/// MultiLeader keyspace as the baseline, every key on every replica first; a warm-up at no WAN latency until the JIT is quiet;
/// the throughput phases at no WAN latency; then the WAN matrix, one open-loop write phase per mode
/// and writer region; then the failover drills. Progress goes to stderr, the tables to <c>output</c>.
/// </summary>
public sealed class LeaderRun
{
    private readonly LeaderCluster _cluster;
    private readonly ThroughputComparison _throughput;
    private readonly LeaderSettings _settings;
    private readonly TimeProvider _time;
    private readonly TextWriter _progress;
    private readonly string[] _keys;
    private readonly string _run;
    private readonly string _multiLeader;

    private LeaderRun(LeaderCluster cluster, ConflictMeter conflicts, LeaderSettings settings, TimeProvider time, TextWriter progress)
    {
        (_cluster, _settings, _time, _progress) = (cluster, settings, time, progress);
        _keys = BenchKeys.LoadKeys(settings.Keys);
        _throughput = new ThroughputComparison(cluster.Cluster, conflicts, _keys, settings.ThroughputPlan(), time, progress);
        _run = Guid.NewGuid().ToString("N")[..8];
        _multiLeader = $"multi-{_run}";
    }

    /// <summary>The baseline first: every throughput ratio is against it.</summary>
    private IReadOnlyList<ThroughputCondition> Conditions =>
        [new("multi-leader", _multiLeader, null, null), .. _settings.Modes.Select(m => new ThroughputCondition(m.Mode == ReplicationMode.Chain ? m.Kind : $"{m.Kind} {m.Name}", KeyspaceOf(m), null, null))];

    public static async Task<int> RunAsync(LeaderSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        var time = TimeProvider.System;
        var progress = Console.Error;
        var startedAt = time.GetUtcNow();
        using var conflicts = new ConflictMeter();
        progress.WriteLine("starting the in-process cluster…");
        await using var cluster = await LeaderCluster.StartAsync(settings);
        progress.WriteLine(cluster.Description);

        var run = new LeaderRun(cluster, conflicts, settings, time, progress);
        await run.PrepareAsync();
        var warmup = await run._throughput.WarmUpAsync(run.Conditions, settings.FirstWarmup, settings.MaxFirstWarmup, cancellationToken);
        var (phases, throughput) = settings.MeasureThroughput ? await run._throughput.MeasureAsync(run.Conditions, cancellationToken) : ([], []);
        if (settings.MeasureLatency || settings.MeasureFailover)
        {
            progress.WriteLine($"setting the WAN matrix: {settings.Wan.Describe()}…");
            await cluster.Cluster.SetWanAsync(settings.Wan);
        }

        var latency = settings.MeasureLatency ? await run.MeasureLatencyAsync(cancellationToken) : [];
        var trials = settings.MeasureFailover ? await new FailoverDrill(cluster, settings, run._run, time, progress).RunAsync(settings.Modes, cancellationToken) : [];
        var failover = settings.Modes.Select(m => FailoverSummary.Of(m.Name, [.. trials.Where(t => t.Mode == m.Name)])).Where(s => s.Trials > 0).ToArray();

        var report = new LeaderReport(cluster.Description, BenchRun.Machine(), startedAt, settings, warmup, phases, throughput, latency, trials, failover);
        LeaderReportWriter.Write(output, report);
        if (settings.JsonPath is { } path)
        {
            await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, BenchRun.Json), cancellationToken);
            progress.WriteLine($"results written to {path}");
        }

        return 0;
    }

    private string KeyspaceOf(LeaderMode mode) =>
        Format($"{mode.Kind}-{mode.Name.Replace("(", string.Empty, StringComparison.Ordinal).Replace(")", string.Empty, StringComparison.Ordinal).ToLowerInvariant()}-{_run}");

    /// <summary>
    /// Creates every keyspace and puts every key on every replica: written at the leader (in the
    /// MultiLeader keyspace in region i mod 3), then read in every region, so no phase times a grain activation.
    /// </summary>
    private async Task PrepareAsync()
    {
        var regions = LeaderSettings.Regions;
        var leader = _cluster.IndexOf(_settings.Leader);
        await _cluster.Cluster.SetWanAsync(null);
        await _cluster.Cluster.CreateKeyspaceAsync(_multiLeader, new KeyspacePolicy(ReplicationMode.MultiLeader, [.. regions]));
        foreach (var mode in _settings.Modes)
        {
            await _cluster.Cluster.CreateKeyspaceAsync(KeyspaceOf(mode), mode.Policy(regions, _settings.Leader));
        }

        var keyspaces = _settings.Modes.Select(KeyspaceOf).ToArray();
        _progress.WriteLine(Format($"writing {_keys.Length} keys to every replica of {_multiLeader} (MultiLeader) and {string.Join(", ", keyspaces)} (led by {_settings.Leader})…"));
        var random = new Random(_settings.Seed);
        await Parallel.ForEachAsync(Enumerable.Range(0, _keys.Length), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
        {
            var value = new byte[_settings.ValueSize];
            lock (random)
            {
                random.NextBytes(value);
            }

            await _cluster.Cluster.WriteAsync(i % regions.Count, _multiLeader, _keys[i], value);
            foreach (var keyspace in keyspaces)
            {
                await _cluster.Cluster.WriteAsync(leader, keyspace, _keys[i], value);
            }

            for (var region = 0; region < regions.Count; region++)
            {
                foreach (var keyspace in keyspaces.Prepend(_multiLeader))
                {
                    await _cluster.Cluster.ReadAsync(region, keyspace, _keys[i]);
                }
            }
        });
        await _cluster.Cluster.DrainAsync(BenchRun.ReplicationDeadline, TimeSpan.FromMilliseconds(10));
    }

    /// <summary>
    /// With the WAN matrix set: one unmeasured slice of every case mixed (so the delayed paths are
    /// compiled), then one open-loop write phase per mode and writer region, the leader's first.
    /// </summary>
    private async Task<IReadOnlyList<LeaderLatencyRow>> MeasureLatencyAsync(CancellationToken cancellationToken)
    {
        var writers = _cluster.Regions.OrderBy(r => string.Equals(r, _settings.Leader, StringComparison.Ordinal) ? 0 : 1).ToArray();
        var cases = _settings.Modes.SelectMany(mode => writers.Select(writer => (Mode: mode, Writer: writer))).ToArray();
        var load = new OpenLoopLatency(_time);
        var rate = _settings.LatencyRate;
        _progress.WriteLine(Format($"warming up over the WAN: every case mixed at {rate} writes/s for {Warmup.Slice.TotalSeconds:0} s…"));
        await load.RunAsync(random => Write(cases[random.Next(cases.Length)], random), rate, TimeSpan.Zero, Warmup.Slice, _settings.Seed, cancellationToken);

        var rows = new List<LeaderLatencyRow>();
        foreach (var @case in cases)
        {
            _progress.WriteLine(Format($"latency phase {rows.Count + 1}/{cases.Length}: {@case.Mode.Name} writes from {@case.Writer}, {rate} writes/s…"));
            var phase = await load.RunAsync(random => Write(@case, random), rate, _settings.Warmup, _settings.Duration, _settings.Seed + rows.Count + 1, cancellationToken);
            rows.Add(LeaderLatencyRow.Measured(@case.Mode, @case.Writer, _settings.Leader, _settings.Wan, phase));
        }

        return rows;
    }

    /// <summary>
    /// A write of a fresh value to a key drawn uniformly, sent in the case's writer region; short
    /// unless its answer shows it acknowledged as the mode promises (<see cref="LeaderMode.ShowsAcknowledged"/>).
    /// </summary>
    private Func<Task<bool>> Write((LeaderMode Mode, string Writer) @case, Random random)
    {
        var key = _keys[random.Next(_keys.Length)];
        var value = new byte[_settings.ValueSize];
        random.NextBytes(value);
        return async () => !@case.Mode.ShowsAcknowledged(await _cluster.WriteAsync(@case.Writer, KeyspaceOf(@case.Mode), key, value), _settings.Leader);
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
