using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using GeoStore.Bench.Lag;
using GeoStore.Bench.Load;
using GeoStore.Bench.Memory;
using GeoStore.Bench.Reporting;
using GeoStore.Bench.Targets;

namespace GeoStore.Bench;

/// <summary>
/// One benchmark run: preload every key, then the measured phases (baseline with no WAN latency
/// and the WAN latency on every link, interleaved), each followed by the idle lag probe. Progress
/// goes to stderr, the tables to <c>output</c>.
/// </summary>
public static class BenchRun
{
    /// <summary>How long replication may take to drain between phases before the run gives up.</summary>
    public static readonly TimeSpan ReplicationDeadline = TimeSpan.FromSeconds(120);

    /// <summary>How reports are written with <c>--json</c>.</summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter() },
    };

    public static async Task<int> RunAsync(BenchSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        var time = TimeProvider.System;
        var progress = Console.Error;
        var startedAt = time.GetUtcNow();
        progress.WriteLine(settings.InProcess ? "starting the in-process cluster…" : "connecting to the APIs…");
        await using IBenchTarget target = settings.InProcess
            ? await InProcessTarget.StartAsync(settings)
            : await HttpTarget.ConnectAsync(settings, time, cancellationToken);
        progress.WriteLine(target.Description);
        if (!target.CanControlWan)
        {
            progress.WriteLine("no --admin-token: measuring only the baseline, on the WAN as it is set now.");
        }

        BenchReport report;
        try
        {
            report = await MeasureAsync(target, settings, startedAt, time, progress, cancellationToken);
        }
        finally
        {
            if (target.CanControlWan)
            {
                // Leave a cluster we were pointed at as we found it: no added latency.
                await target.SetWanLatencyAsync(0, CancellationToken.None);
            }
        }

        ResultsReport.Write(output, report);
        if (settings.JsonPath is { } path)
        {
            await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, Json), cancellationToken);
            progress.WriteLine($"results written to {path}");
        }

        return 0;
    }

    private static async Task<BenchReport> MeasureAsync(
        IBenchTarget target, BenchSettings settings, DateTimeOffset startedAt, TimeProvider time, TextWriter progress, CancellationToken cancellationToken)
    {
        var load = new LoadGenerator(target, settings, time);
        var probe = new ReplicationLagProbe(target, time, Guid.NewGuid().ToString("N")[..8]);
        var wanLatency = 0;
        if (target.CanControlWan)
        {
            await target.SetWanLatencyAsync(wanLatency, cancellationToken);
        }

        var before = settings.InProcess ? MemoryFootprint.Measure() : null;
        progress.WriteLine(Format($"preloading {settings.Keys} keys…"));
        var preload = (await load.PreloadAsync(cancellationToken)).ToResult("preload", 0, settings.Concurrency);
        await DrainAsync(target, progress, cancellationToken);
        var memory = before is null ? null : new KeyFootprint(settings.Keys, target.Regions.Count, before, MemoryFootprint.Measure());

        progress.WriteLine(Format($"warming up (at least {settings.FirstWarmup.TotalSeconds:0} s, until the JIT is quiet)…"));
        await probe.MeasureAsync("warmup", 2 * target.Regions.Count * (target.Regions.Count - 1), cancellationToken);
        var warmup = await Warmup.RunAsync(load, probe, settings.FirstWarmup, settings.MaxFirstWarmup, time, cancellationToken);

        var wan = target.CanControlWan ? Condition.Wan(settings.WanLatencyMs) : null;
        var schedule = Condition.Schedule(settings.Rounds, wan);
        var lagSamplesPerPhase = (int)Math.Ceiling(settings.LagSamples / (double)settings.Rounds);
        var pooled = new Dictionary<Condition, Pool>();
        var phases = new List<PhaseRun>();
        for (var i = 0; i < schedule.Count; i++)
        {
            var condition = schedule[i];
            if (condition.WanLatencyMs != wanLatency)
            {
                progress.WriteLine(Format($"setting {condition.WanLatencyMs} ms one-way latency on every WAN link…"));
                await target.SetWanLatencyAsync(condition.WanLatencyMs, cancellationToken);
                wanLatency = condition.WanLatencyMs;
            }

            var name = Format($"{i + 1}-{condition.Name}");
            progress.WriteLine(Format($"phase {i + 1}/{schedule.Count}: {condition.Name} load…"));
            var loadedLag = new LagSamples();
            var tally = await load.RunAsync(
                settings.Warmup,
                settings.Duration,
                async windowCloses => loadedLag = await probe.MeasureUntilAsync(name + "-loaded", windowCloses),
                cancellationToken);
            await DrainAsync(target, progress, cancellationToken);
            progress.WriteLine(Format($"phase {i + 1}/{schedule.Count}: {condition.Name} lag probe, {lagSamplesPerPhase} samples…"));
            var idleLag = await probe.MeasureAsync(name, lagSamplesPerPhase, cancellationToken);

            phases.Add(new PhaseRun(
                i + 1, condition.Name, tally.ToResult(name, condition.WanLatencyMs, settings.Concurrency),
                LagResult.From(name + "-loaded", condition.WanLatencyMs, true, loadedLag, target.LagPollInterval),
                LagResult.From(name, condition.WanLatencyMs, false, idleLag, target.LagPollInterval)));
            var pool = pooled.TryGetValue(condition, out var existing) ? existing : pooled[condition] = new Pool();
            pool.Load.AddPhase(tally);
            pool.Lag.Add(idleLag);
            pool.LagUnderLoad.Add(loadedLag);
        }

        ConditionResult Pooled(Condition condition) => pooled[condition].ToResult(condition, settings.Concurrency, target.LagPollInterval,
            phases.Where(p => p.Condition == condition.Name).Select(p => p.Load.All.OpsPerSecond));

        return new BenchReport(
            target.Description, Machine(), startedAt, settings with { AdminToken = settings.AdminToken is null ? null : "(set)" },
            preload, memory, warmup, phases, Pooled(Condition.Baseline), wan is null ? null : Pooled(wan));
    }

    private static async Task DrainAsync(IBenchTarget target, TextWriter progress, CancellationToken cancellationToken)
    {
        if (target.CanControlWan)
        {
            progress.WriteLine("waiting until replication has drained…");
            await target.WaitUntilReplicatedAsync(ReplicationDeadline, cancellationToken);
        }
    }

    /// <summary>The machine line of a report header.</summary>
    internal static string Machine() =>
        Format($"{Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {BuildConfiguration} build");

#if DEBUG
    private const string BuildConfiguration = "Debug";
#else
    private const string BuildConfiguration = "Release";
#endif

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Every phase of one condition, merged.</summary>
    private sealed class Pool
    {
        public LoadTally Load { get; } = new();

        public LagSamples Lag { get; } = new();

        public LagSamples LagUnderLoad { get; } = new();

        public ConditionResult ToResult(Condition condition, int concurrency, TimeSpan pollInterval, IEnumerable<double> phaseThroughputs)
        {
            var throughputs = phaseThroughputs.ToArray();
            var spread = throughputs.Length == 0 || throughputs.Min() <= 0 ? double.NaN : throughputs.Max() / throughputs.Min();
            return new ConditionResult(
                Load.ToResult(condition.Name, condition.WanLatencyMs, concurrency),
                LagResult.From(condition.Name, condition.WanLatencyMs, false, Lag, pollInterval),
                LagResult.From(condition.Name + "-loaded", condition.WanLatencyMs, true, LagUnderLoad, pollInterval),
                spread);
        }
    }
}
