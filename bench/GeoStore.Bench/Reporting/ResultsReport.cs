using System.Globalization;
using GeoStore.Bench.Lag;
using GeoStore.Bench.Load;
using GeoStore.Bench.Memory;

namespace GeoStore.Bench.Reporting;

/// <summary>Prints a <see cref="BenchReport"/> as the tables a reader compares runs by.</summary>
public static class ResultsReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Write(TextWriter writer, BenchReport report)
    {
        var s = report.Settings;
        writer.WriteLine($"GeoStore bench — {report.Target}");
        writer.WriteLine($"machine: {report.Machine}; started {report.StartedAt:u}");
        writer.WriteLine(Format($"load: {s.Concurrency} clients, {s.ReadRatio:P0} GETs, {s.Keys} keys, {s.ValueSize} B values, keyspace '{s.Keyspace}', seed {s.Seed}"));
        writer.WriteLine(Format($"phases: {report.Phases.Count} × {s.Duration.TotalSeconds:0.#} s measured, each after {s.Warmup.TotalSeconds:0.#} s warm-up;"));
        writer.WriteLine(Format($"  {report.Warmup.Seconds:0} s of warm-up load before the first, until the JIT spent {report.Warmup.LastSliceJitShare:P1} of a 2 s slice compiling")
            + (report.Warmup.JitQuiet ? string.Empty : " (not quiet yet: the first phases may still be warming up)"));
        writer.WriteLine();

        WritePhases(writer, report);
        writer.WriteLine();
        WriteLoad(writer, report);
        writer.WriteLine();
        WriteLag(writer, report);
        if (report.Memory is { } memory)
        {
            writer.WriteLine();
            WriteMemory(writer, memory);
        }

        writer.WriteLine();
        WriteSummary(writer, report);
    }

    private static void WritePhases(TextWriter writer, BenchReport report)
    {
        writer.WriteLine("Phases in the order they ran (JIT ms = time the JIT spent compiling during the window: large means not warm yet;");
        writer.WriteLine(" lag: p50 of the probe during the load / right after it)");
        var table = new TextTable("#", "condition", "WAN ms", "ops/s", "× base", "p50 ms", "p99 ms", "p99.9 ms", "errors", "GC paused", "JIT ms", "lag loaded ms", "lag idle ms");
        foreach (var phase in report.Phases)
        {
            var load = phase.Load;
            table.Add(
                Format($"{phase.Order}"), phase.Condition, Format($"{load.WanLatencyMs}"), Format($"{load.All.OpsPerSecond:0}"),
                Times(load.All.OpsPerSecond, report.Baseline.Load.All.OpsPerSecond),
                Ms(load.All.P50Ms), Ms(load.All.P99Ms), Ms(load.All.P999Ms), Format($"{load.ErrorCount}"),
                Format($"{load.Runtime.GcPausedShare:P1}"), Format($"{load.Runtime.JitMs:0}"), Ms(phase.LagUnderLoad.P50Ms), Ms(phase.Lag.P50Ms));
        }

        table.WriteTo(writer);
        writer.WriteLine(Format($"  spread between phases of one condition (fastest ÷ slowest ops/s): baseline {report.Baseline.ThroughputSpread:0.00}×")
            + (report.Wan is { } wan ? Format($", {wan.Load.Phase} {wan.ThroughputSpread:0.00}×") : string.Empty));
    }

    private static void WriteLoad(TextWriter writer, BenchReport report)
    {
        writer.WriteLine("Throughput and latency per condition, phases pooled (successful operations finishing inside the measured windows;");
        writer.WriteLine(" × base = against the baseline; GC = collections and pause time of this process, which in-process includes every silo)");
        var table = new TextTable("condition", "WAN ms", "op", "ops/s", "× base", "mean ms", "p50 ms", "p99 ms", "p99.9 ms", "max ms", "p50 × base", "p99 × base", "errors", "GC paused", "GCs 0/1/2");
        AddLoadRows(table, report.Preload, null);
        AddLoadRows(table, report.Baseline.Load, report.Baseline.Load);
        if (report.Wan is { } wan)
        {
            AddLoadRows(table, wan.Load, report.Baseline.Load);
        }

        table.WriteTo(writer);
        foreach (var load in new[] { report.Preload, report.Baseline.Load, report.Wan?.Load })
        {
            if (load is { ErrorCount: > 0 })
            {
                writer.WriteLine($"  errors in {load.Phase}: {string.Join(", ", load.Errors.Select(e => $"{e.Key} × {e.Value}"))}");
            }

            if (load is { GetMisses: > 0 })
            {
                writer.WriteLine($"  GETs in {load.Phase} that found no value: {load.GetMisses}");
            }
        }
    }

    private static void AddLoadRows(TextTable table, LoadResult load, LoadResult? baseline)
    {
        var rows = load.Phase == "preload"
            ? new[] { ("PUT", load.Puts, baseline?.Puts) }
            : [("all", load.All, baseline?.All), ("GET", load.Gets, baseline?.Gets), ("PUT", load.Puts, baseline?.Puts)];
        var first = true;
        foreach (var (op, stats, against) in rows)
        {
            table.Add(
                first ? load.Phase : string.Empty,
                first ? Format($"{load.WanLatencyMs}") : string.Empty,
                op,
                Format($"{stats.OpsPerSecond:0}"),
                Times(stats.OpsPerSecond, against?.OpsPerSecond),
                Ms(stats.MeanMs), Ms(stats.P50Ms), Ms(stats.P99Ms), Ms(stats.P999Ms), Ms(stats.MaxMs),
                Times(stats.P50Ms, against?.P50Ms),
                Times(stats.P99Ms, against?.P99Ms),
                first ? Format($"{load.ErrorCount}") : string.Empty,
                first ? Format($"{load.Runtime.GcPausedShare:P1}") : string.Empty,
                first ? Format($"{load.Runtime.Gen0}/{load.Runtime.Gen1}/{load.Runtime.Gen2}") : string.Empty);
            first = false;
        }
    }

    private static void WriteLag(TextWriter writer, BenchReport report)
    {
        writer.WriteLine(Format($"Replication lag (PUT acknowledged in region A → a GET in region B returns it; B polled every {report.Baseline.Lag.PollIntervalMs:0.#} ms;"));
        writer.WriteLine(" samples cycle over every ordered region pair; 'load' rows were taken during the load phases)");
        var table = new TextTable("condition", "WAN ms", "load", "samples", "timeouts", "min ms", "p50 ms", "p99 ms", "max ms", "p50 × base", "p99 × base", "p50 − WAN ms");
        var load = $"{report.Settings.Concurrency} clients";
        AddLagRow(table, report.Baseline.Lag, report.Baseline.Lag, "none");
        if (report.Wan is { } wan)
        {
            AddLagRow(table, wan.Lag, report.Baseline.Lag, "none");
        }

        AddLagRow(table, report.Baseline.LagUnderLoad, report.Baseline.LagUnderLoad, load);
        if (report.Wan is { } loaded)
        {
            AddLagRow(table, loaded.LagUnderLoad, report.Baseline.LagUnderLoad, load);
        }

        table.WriteTo(writer);
    }

    private static void AddLagRow(TextTable table, LagResult lag, LagResult baseline, string load) => table.Add(
        lag.Phase,
        Format($"{lag.WanLatencyMs}"),
        load,
        Format($"{lag.Samples}"),
        Format($"{lag.TimedOut + lag.Failed}"),
        Ms(lag.MinMs), Ms(lag.P50Ms), Ms(lag.P99Ms), Ms(lag.MaxMs),
        Times(lag.P50Ms, baseline.P50Ms),
        Times(lag.P99Ms, baseline.P99Ms),
        Ms(lag.P50Ms - lag.WanLatencyMs));

    private static void WriteMemory(TextWriter writer, KeyFootprint memory)
    {
        writer.WriteLine(Format($"Memory after the preload drained (whole process: every region's silos run here), {memory.Keys} keys × {memory.Replicas} replicas:"));
        writer.WriteLine(Format($"  managed heap {Mib(memory.Before.ManagedHeapBytes)} → {Mib(memory.After.ManagedHeapBytes)} MiB: +{memory.ManagedBytesPerKey:0} B per key ({memory.ManagedBytesPerReplica:0} B per replica)"));
        writer.WriteLine(Format($"  working set  {Mib(memory.Before.WorkingSetBytes)} → {Mib(memory.After.WorkingSetBytes)} MiB: +{memory.WorkingSetBytesPerKey:0} B per key"));
    }

    private static void WriteSummary(TextWriter writer, BenchReport report)
    {
        if (report.Ratios is not { } r || report.Wan is not { } wan)
        {
            writer.WriteLine("No WAN condition: over HTTP the WAN can only be set with --admin-token.");
            return;
        }

        var baseline = report.Baseline;
        writer.WriteLine(Format($"Summary: with {wan.Load.WanLatencyMs} ms one-way WAN latency on every link, against the baseline of this run,"));
        writer.WriteLine(Format($"  throughput = {r.Throughput:0.00}× baseline ({wan.Load.All.OpsPerSecond:0} vs {baseline.Load.All.OpsPerSecond:0} ops/s; phases of one condition spread up to {Math.Max(baseline.ThroughputSpread, wan.ThroughputSpread):0.00}×)"));
        writer.WriteLine(Format($"  PUT p50 = {r.PutP50:0.00}×, p99 = {r.PutP99:0.00}× baseline; GET p50 = {r.GetP50:0.00}×, p99 = {r.GetP99:0.00}× baseline"));
        writer.WriteLine(Format($"  replication lag p50 = {wan.Lag.P50Ms:0.0} ms = {r.LagP50:0.0}× baseline ({baseline.Lag.P50Ms:0.00} ms), {r.LagP50AboveOneWayMs:0.0} ms above the one-way latency; p99 = {wan.Lag.P99Ms:0.0} ms = {r.LagP99:0.0}× baseline"));
        writer.WriteLine(Format($"  under load: lag p50 = {wan.LagUnderLoad.P50Ms:0.0} ms = {r.LagUnderLoadP50:0.0}×, p99 = {wan.LagUnderLoad.P99Ms:0.0} ms = {r.LagUnderLoadP99:0.0}× the loaded baseline"));
    }

    private static string Ms(double ms) => ms.ToString(Math.Abs(ms) < 10 ? "0.00" : "0.0", Invariant);

    private static string Mib(long bytes) => (bytes / (1024.0 * 1024)).ToString("0.0", Invariant);

    private static string Times(double measured, double? baseline) =>
        baseline is { } b && RatioSummary.Ratio(measured, b) is var ratio && !double.IsNaN(ratio) ? ratio.ToString("0.00", Invariant) + "×" : string.Empty;

    private static string Format(FormattableString text) => text.ToString(Invariant);
}
