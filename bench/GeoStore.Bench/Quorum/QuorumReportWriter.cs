using System.Globalization;
using GeoStore.Bench.Reporting;

namespace GeoStore.Bench.Quorum;

/// <summary>Prints a <see cref="QuorumReport"/>: throughput against the baseline, and latency per row next to its physical bound.</summary>
public static class QuorumReportWriter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Write(TextWriter writer, QuorumReport report)
    {
        var s = report.Settings;
        writer.WriteLine($"GeoStore bench — quorum scenario, {report.Target}");
        writer.WriteLine($"machine: {report.Machine}; started {report.StartedAt:u}");
        writer.WriteLine(Format($"keyspaces: Leaderless over {string.Join(", ", QuorumSettings.Regions)} (N = {s.N}, W and R per request) and MultiLeader over the same;"));
        writer.WriteLine(Format($"  {s.Keys} keys each, every one on every replica before anything is measured, {s.ValueSize} B values, seed {s.Seed}"));
        writer.WriteLine(Format($"warm-up: {report.Warmup.Seconds:0} s at no WAN latency, until the JIT spent {report.Warmup.LastSliceJitShare:P1} of a 2 s slice compiling")
            + (report.Warmup.JitQuiet ? string.Empty : " (not quiet yet)"));
        writer.WriteLine();

        if (report.Throughput.Count > 0)
        {
            WriteThroughput(writer, report);
            writer.WriteLine();
        }

        if (report.Latency.Count > 0)
        {
            WriteLatency(writer, report);
            writer.WriteLine();
        }

        WriteWarnings(writer, report);
    }

    private static void WriteThroughput(TextWriter writer, QuorumReport report)
    {
        var s = report.Settings;
        writer.WriteLine(Format($"Throughput at no WAN latency: {s.Concurrency} closed-loop clients, {s.ReadRatio:P0} reads, region and key uniform;"));
        writer.WriteLine(Format($" {s.Rounds} phase(s) per condition in the order A B C C B A …, each {s.Warmup.TotalSeconds:0.#} s unmeasured + {s.Duration.TotalSeconds:0.#} s measured;"));
        writer.WriteLine(" KB/op = bytes this process allocated per operation, every silo included; timers = Timer.ActiveCount when the phase ended;");
        writer.WriteLine(" conflicts = LWW losers resolved (geostore.conflicts); drain = wait after the phase until every log was acknowledged");
        var phases = new TextTable("#", "condition", "ops/s", "read p50 ms", "read p99 ms", "write p50 ms", "write p99 ms", "errors", "GC paused", "JIT ms", "KB/op", "timers", "conflicts", "drain s");
        foreach (var p in report.ThroughputPhases)
        {
            var l = p.Load;
            phases.Add(
                Format($"{p.Index}"), p.Condition, Format($"{l.All.OpsPerSecond:0}"), Ms(l.Gets.P50Ms), Ms(l.Gets.P99Ms), Ms(l.Puts.P50Ms), Ms(l.Puts.P99Ms),
                Format($"{l.ErrorCount}"), Format($"{l.Runtime.GcPausedShare:P1}"), Format($"{l.Runtime.JitMs:0}"), Kb(p.AllocatedBytesPerOperation), Format($"{p.ActiveTimers}"),
                Format($"{p.ConflictRecords}"), Format($"{p.DrainSeconds:0.00}"));
        }

        phases.WriteTo(writer);
        writer.WriteLine();
        writer.WriteLine("Per condition, phases pooled (× base = ops/s against the multi-leader keyspace of this run; spread = fastest ÷ slowest phase");
        writer.WriteLine(" of the condition, this run's noise floor)");
        var pooled = new TextTable("condition", "W", "R", "ops/s", "× base", "spread", "reads/s", "writes/s", "read p50 ms", "read p99 ms", "write p50 ms", "write p99 ms", "errors", "GC paused", "KB/op", "conflicts/1000 writes");
        foreach (var t in report.Throughput)
        {
            var l = t.Pooled;
            pooled.Add(
                t.Condition.Name, Level(t.Condition.W), Level(t.Condition.R), Format($"{l.All.OpsPerSecond:0}"), Times(t.OverBaseline), Times(t.Spread),
                Format($"{l.Gets.OpsPerSecond:0}"), Format($"{l.Puts.OpsPerSecond:0}"), Ms(l.Gets.P50Ms), Ms(l.Gets.P99Ms), Ms(l.Puts.P50Ms), Ms(l.Puts.P99Ms),
                Format($"{l.ErrorCount}"), Format($"{l.Runtime.GcPausedShare:P1}"), Kb(t.AllocatedBytesPerOperation),
                Format($"{t.ConflictRecordsPer1000Writes:0.0}"));
        }

        pooled.WriteTo(writer);
    }

    private static void WriteLatency(TextWriter writer, QuorumReport report)
    {
        var s = report.Settings;
        writer.WriteLine(Format($"Quorum latency over the WAN matrix (one-way, both directions: {s.Wan.Describe()}); each row open loop at"));
        writer.WriteLine(Format($" {s.LatencyRate} ops/s, {s.Warmup.TotalSeconds:0.#} s unmeasured + {s.Duration.TotalSeconds:0.#} s measured, key uniform. bound = ReplicaOrder.PhysicalBound: the round trip to the"));
        writer.WriteLine(Format($" W-th (R-th) nearest replica, local = 0; goal = {LatencyRow.GoalFactor} × bound + {LatencyRow.GoalSlackMs} ms (issue 6); late = how far the scheduler started operations behind time"));
        var table = new TextTable(
            "region", "op", "level", "bound ms", "goal ms", "ops", "p50 ms", "p99 ms", "max ms", "p50 − bound", "p50 ÷ (bound+2)", "p50 ≤ goal", "late p99 ms", "errors", "GC paused");
        string? previous = null;
        foreach (var row in report.Latency)
        {
            var p = row.Phase;
            table.Add(
                row.Region == previous ? string.Empty : row.Region, row.Case.Operation == Quorum.QuorumOperation.Write ? "write" : "read", row.Case.LevelName,
                Format($"{row.BoundMs:0}"), Ms(row.GoalMs), Format($"{p.LatencyMs.Count}"), Ms(p.LatencyMs.P50), Ms(p.LatencyMs.P99), Ms(p.LatencyMs.Max),
                Ms(row.P50AboveBoundMs), Times(row.P50OverBoundPlusSlack), row.MeetsGoal ? "yes" : "NO", Ms(p.StartLateP99Ms),
                Format($"{p.Errors + p.Short}"), Format($"{p.Runtime.GcPausedShare:P1}"));
            previous = row.Region;
        }

        table.WriteTo(writer);
        var met = report.Latency.Count(r => r.MeetsGoal);
        writer.WriteLine(Format($"  {met} of {report.Latency.Count} rows meet the goal (p50 ≤ {LatencyRow.GoalFactor} × bound + {LatencyRow.GoalSlackMs} ms)"));
    }

    private static void WriteWarnings(TextWriter writer, QuorumReport report)
    {
        foreach (var row in report.Latency)
        {
            var name = Format($"{row.Region} {row.Case.Operation} {row.Case.LevelName}");
            if (row.Phase.Errors > 0)
            {
                writer.WriteLine(Format($"  {name}: {row.Phase.Errors} of {row.Phase.Due} operations failed, first: {row.Phase.FirstError}"));
            }

            if (row.Phase.Short > 0)
            {
                writer.WriteLine(Format($"  {name}: {row.Phase.Short} answers reached fewer replicas than asked"));
            }
        }

        foreach (var phase in report.ThroughputPhases.Where(p => p.Load.ErrorCount > 0))
        {
            writer.WriteLine(Format($"  throughput phase {phase.Index} ({phase.Condition}): errors {string.Join(", ", phase.Load.Errors.Select(e => $"{e.Key} × {e.Value}"))}"));
        }
    }

    private static string Kb(double bytes) => double.IsNaN(bytes) ? "–" : (bytes / 1024).ToString("0.0", Invariant);

    private static string Level(int? level) => level is { } n ? Format($"{n}") : "–";

    private static string Ms(double ms) => double.IsNaN(ms) ? "–" : ms.ToString(Math.Abs(ms) < 10 ? "0.00" : "0.0", Invariant);

    private static string Times(double ratio) => double.IsNaN(ratio) || double.IsInfinity(ratio) ? "–" : ratio.ToString("0.00", Invariant) + "×";

    private static string Format(FormattableString text) => text.ToString(Invariant);
}
