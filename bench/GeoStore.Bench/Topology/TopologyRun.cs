using System.Globalization;
using System.Text.Json;
using GeoStore.Bench.Lag;
using GeoStore.Bench.Load;
using GeoStore.Bench.Targets;
using GeoStore.Core.Keyspaces;

namespace GeoStore.Bench.Topology;

/// <summary>
/// The topology scenario (<c>--scenario topology</c>), in-process: sets the WAN matrix, warms
/// up, then for each topology a keyspace under an open-loop write load with lag probes, then the
/// conflict phases at each write rate on an AllToAll LWW keyspace over a few hot keys. Progress
/// goes to stderr, the tables to <c>output</c>.
/// </summary>
public sealed class TopologyRun
{
    private readonly TopologyCluster _cluster;
    private readonly TopologySettings _settings;
    private readonly ConflictMeter _meter;
    private readonly OpenLoopWriter _writer;
    private readonly TimeProvider _time;
    private readonly TextWriter _progress;
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];
    private long _droppedBefore;

    private TopologyRun(TopologyCluster cluster, TopologySettings settings, ConflictMeter meter, TimeProvider time, TextWriter progress)
    {
        (_cluster, _settings, _meter, _time, _progress) = (cluster, settings, meter, time, progress);
        _writer = new OpenLoopWriter(cluster, time);
    }

    public static async Task<int> RunAsync(TopologySettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        var time = TimeProvider.System;
        var progress = Console.Error;
        var startedAt = time.GetUtcNow();
        using var meter = new ConflictMeter();
        progress.WriteLine("starting the in-process cluster…");
        await using var cluster = await TopologyCluster.StartAsync(settings);
        progress.WriteLine(cluster.Description);
        progress.WriteLine($"setting the WAN matrix: {settings.Wan.Describe()}…");
        await cluster.SetWanAsync(settings.Wan);

        var run = new TopologyRun(cluster, settings, meter, time, progress);
        var warmup = await run.WarmUpAsync(cancellationToken);
        var topologies = new List<TopologyResult>();
        foreach (var topology in settings.Cases)
        {
            topologies.Add(await run.MeasureTopologyAsync(topology, cancellationToken));
        }

        var conflictRates = new List<ConflictRateResult>();
        foreach (var rate in settings.ConflictRates)
        {
            conflictRates.Add(await run.MeasureConflictsAsync(rate, cancellationToken));
        }

        var report = new TopologyReport(cluster.Description, BenchRun.Machine(), startedAt, settings, warmup, topologies, conflictRates);
        TopologyReportWriter.Write(output, report);
        if (settings.JsonPath is { } path)
        {
            await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, BenchRun.Json), cancellationToken);
            progress.WriteLine($"results written to {path}");
        }

        return 0;
    }

    /// <summary>
    /// Unmeasured 2 s slices at the lag phases' rate, cycling over every topology so relays are
    /// compiled too, until at least the minimum has passed and the JIT is quiet (see <see cref="Warmup"/>).
    /// Not at the highest conflict rate: on a busy 2-core machine that outruns replication, and
    /// each slice would end up waiting seconds for its probes.
    /// </summary>
    private async Task<WarmupResult> WarmUpAsync(CancellationToken cancellationToken)
    {
        var keys = BenchKeys.LoadKeys(_settings.LagKeys);
        var cases = _settings.Cases;
        var keyspaces = new List<string>();
        foreach (var topology in cases)
        {
            var keyspace = Format($"topo-{_run}-warmup-{topology.Name}");
            await _cluster.CreateKeyspaceAsync(keyspace, topology.Policy);
            await _writer.PreloadAsync(keyspace, keys, _settings.ValueSize, _settings.Seed);
            keyspaces.Add(keyspace);
        }

        var rate = _settings.WriteRate;
        _progress.WriteLine(Format($"warming up at {rate} writes/s (at least {_settings.FirstWarmup.TotalSeconds:0} s, until the JIT is quiet)…"));
        var started = _time.GetTimestamp();
        for (var slice = 0; ; slice++)
        {
            var keyspace = keyspaces[slice % keyspaces.Count];
            var probe = new ArrivalProbe(_cluster, keyspace, _time);
            var load = new WriteLoad(keyspace, keys, rate, TimeSpan.Zero, Warmup.Slice, _settings.Seed + slice + 1, _settings.ValueSize, _settings.LagSampleEvery);
            var writes = await _writer.RunAsync(load, probe, cancellationToken);
            await probe.CompleteAsync();
            var elapsed = _time.GetElapsedTime(started);
            var jitShare = writes.Result.Runtime.JitMs / writes.Result.Runtime.WindowMs;
            var quiet = jitShare < Warmup.QuietJitShare;
            _progress.WriteLine(Format($"  warm-up slice {slice + 1} ({cases[slice % cases.Count].Name}): {writes.Result.AchievedRate:0} writes/s, JIT {writes.Result.Runtime.JitMethods} methods in {writes.Result.Runtime.JitMs:0} ms, GC paused {writes.Result.Runtime.GcPausedShare:P0}"));
            if ((elapsed >= _settings.FirstWarmup && quiet) || elapsed >= _settings.MaxFirstWarmup)
            {
                await DrainAsync();
                return new WarmupResult(elapsed.TotalSeconds, jitShare, quiet);
            }
        }
    }

    private async Task<TopologyResult> MeasureTopologyAsync(TopologyCase topology, CancellationToken cancellationToken)
    {
        var keyspace = Format($"topo-{_run}-{topology.Name}");
        var keys = BenchKeys.LoadKeys(_settings.LagKeys);
        _progress.WriteLine(Format($"{topology.Name} ({topology.Shape}): preloading {keys.Length} keys…"));
        await _cluster.CreateKeyspaceAsync(keyspace, topology.Policy);
        await _writer.PreloadAsync(keyspace, keys, _settings.ValueSize, _settings.Seed);
        await DrainAsync();

        _progress.WriteLine(Format($"{topology.Name}: {_settings.WriteRate} writes/s for {_settings.Warmup.TotalSeconds:0.#} s + {_settings.Duration.TotalSeconds:0.#} s measured…"));
        var probe = new ArrivalProbe(_cluster, keyspace, _time);
        var load = new WriteLoad(keyspace, keys, _settings.WriteRate, _settings.Warmup, _settings.Duration, _settings.Seed, _settings.ValueSize, _settings.LagSampleEvery);
        var writes = await _writer.RunAsync(load, probe, cancellationToken);
        var samples = await probe.CompleteAsync();
        await DrainAsync();

        var regions = _cluster.Regions;
        var pairs = new List<PairLag>();
        var pooled = new LagSamples();
        var above = new List<double>();
        var over = new List<double>();
        var least = new double[regions.Count, regions.Count];
        foreach (var (origin, target) in RegionPairs.Directed([.. Enumerable.Range(0, regions.Count)]))
        {
            var path = topology.Route.PathTo(regions[origin], regions[target]);
            var minimum = _settings.Wan.PathLatencyMs(path);
            least[origin, target] = minimum;
            var pair = samples.GetValueOrDefault((origin, target)) ?? new LagSamples();
            pooled.Add(pair);
            above.AddRange(pair.LagsMs.Select(ms => ms - minimum));
            over.AddRange(pair.LagsMs.Select(ms => minimum > 0 ? ms / minimum : double.NaN));
            var phase = Format($"{topology.Name} {regions[origin]}→{regions[target]}");
            pairs.Add(new PairLag(regions[origin], regions[target], path, minimum, LagResult.From(phase, minimum, true, pair, TimeSpan.Zero)));
        }

        var conflicts = await CountConflictsAsync(keyspace, writes, (o, t) => least[o, t], (_settings.Warmup + _settings.Duration).TotalSeconds);
        return new TopologyResult(
            topology, keyspace, writes.Result, pairs, LagResult.From(topology.Name, 0, true, pooled, TimeSpan.Zero), Spread.Of(above), Spread.Of(over), conflicts);
    }

    private async Task<ConflictRateResult> MeasureConflictsAsync(int rate, CancellationToken cancellationToken)
    {
        var keyspace = Format($"conflicts-{_run}-{rate}");
        var keys = BenchKeys.LoadKeys(_settings.HotKeys);
        _progress.WriteLine(Format($"conflicts at {rate} writes/s over {keys.Length} hot keys, AllToAll LWW, {_settings.Duration.TotalSeconds:0.#} s…"));
        var allToAll = new TopologyCase(ReplicationTopology.AllToAll, TopologySettings.Regions, null);
        await _cluster.CreateKeyspaceAsync(keyspace, allToAll.Policy);
        await _writer.PreloadAsync(keyspace, keys, _settings.ValueSize, _settings.Seed);
        await DrainAsync();

        var load = new WriteLoad(keyspace, keys, rate, TimeSpan.Zero, _settings.Duration, _settings.Seed, _settings.ValueSize, SampleEvery: 0);
        var writes = await _writer.RunAsync(load, probe: null, cancellationToken);
        await DrainAsync();
        var regions = _cluster.Regions;
        var conflicts = await CountConflictsAsync(keyspace, writes, (o, t) => _settings.Wan.LatencyMs(regions[o], regions[t]), writes.Result.MeasuredSeconds);
        return new ConflictRateResult(rate, keys.Length, keyspace, writes.Result, conflicts);
    }

    /// <summary>Reads the keyspace's conflicts back once replication has drained (a region logs a conflict before it acknowledges the entry).</summary>
    private async Task<ConflictResult> CountConflictsAsync(string keyspace, WriteRun writes, Func<int, int, double> leastLatencyMs, double seconds)
    {
        var records = await _cluster.ConflictsAsync(keyspace);
        var dropped = await _cluster.ConflictRecordsDroppedAsync();
        var model = ConflictModel.Replay(writes.Writes, _cluster.Regions.Count, leastLatencyMs);
        var result = new ConflictResult(writes.Writes.Count, seconds, ConflictTally.Of(records), _meter.Count(keyspace), model, dropped - _droppedBefore);
        _droppedBefore = dropped;
        return result;
    }

    private async Task DrainAsync()
    {
        _progress.WriteLine("waiting until replication has drained…");
        await _cluster.DrainAsync(BenchRun.ReplicationDeadline);
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
