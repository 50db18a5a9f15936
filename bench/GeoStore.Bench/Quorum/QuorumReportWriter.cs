using GeoStore.Bench.Reporting;
using GeoStore.Bench.Throughput;
using static GeoStore.Bench.Reporting.Cell;

namespace GeoStore.Bench.Quorum;

/// <summary>Prints a <see cref="QuorumReport"/>: throughput against the baseline, and latency per row next to its physical bound.</summary>
public static class QuorumReportWriter
{
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
            ThroughputTables.Write(writer, s.ThroughputPlan(), report.ThroughputPhases, report.Throughput);
            writer.WriteLine();
        }

        if (report.Latency.Count > 0)
        {
            WriteLatency(writer, report);
            writer.WriteLine();
        }

        WriteWarnings(writer, report);
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

        ThroughputTables.WriteErrors(writer, report.ThroughputPhases);
    }
}
