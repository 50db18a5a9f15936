using GeoStore.Bench.Quorum;
using GeoStore.Bench.Reporting;
using GeoStore.Bench.Throughput;
using static GeoStore.Bench.Reporting.Cell;

namespace GeoStore.Bench.Leader;

/// <summary>
/// Prints a <see cref="LeaderReport"/>: throughput against the multi-leader baseline, write latency
/// per mode and writer region next to its bound, and the failover drills with their medians.
/// </summary>
public static class LeaderReportWriter
{
    public static void Write(TextWriter writer, LeaderReport report)
    {
        var s = report.Settings;
        writer.WriteLine($"GeoStore bench — leader scenario, {report.Target}");
        writer.WriteLine($"machine: {report.Machine}; started {report.StartedAt:u}");
        writer.WriteLine(Format($"keyspaces: one per mode ({string.Join(", ", s.Modes.Select(m => m.Name))}) over {string.Join(", ", LeaderSettings.Regions)}, led (a chain: headed) by {s.Leader},"));
        writer.WriteLine(Format($"  and MultiLeader over the same; {s.Keys} keys each, every one on every replica before anything is measured, {s.ValueSize} B values, seed {s.Seed};"));
        writer.WriteLine(Format($"  followers have GeoStore:LeaderAckTimeout = {s.LeaderAckTimeout.TotalSeconds:0.#} s to acknowledge, a chain's tail GeoStore:Chain:Timeout = {s.ChainTimeout.TotalSeconds:0.#} s"));
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

        if (report.FailoverTrials.Count > 0)
        {
            WriteFailover(writer, report);
            writer.WriteLine();
        }

        WriteWarnings(writer, report);
    }

    private static void WriteLatency(TextWriter writer, LeaderReport report)
    {
        var s = report.Settings;
        writer.WriteLine(Format($"Write latency over the WAN matrix (one-way, both directions: {s.Wan.Describe()}); each row open loop at"));
        writer.WriteLine(Format($" {s.LatencyRate} writes/s sent in the writer region, {s.Warmup.TotalSeconds:0.#} s unmeasured + {s.Duration.TotalSeconds:0.#} s measured, key uniform. bound = the round trip"));
        writer.WriteLine(" to the leader (head) when forwarded + the round trip to the follower the mode waits for last (Async: none, local durability = 0;");
        writer.WriteLine(" SemiSync(k): the k-th nearest; Sync: the farthest; Chain: the round trip along the chain, head to tail);");
        writer.WriteLine(Format($" goal = {LatencyRow.GoalFactor} × bound + {LatencyRow.GoalSlackMs} ms, as in the quorum scenario;"));
        writer.WriteLine(" late = how far the scheduler started writes behind time; errors include answers short of the mode's acknowledgement");
        var table = new TextTable(
            "mode", "writer", "path", "bound ms", "goal ms", "writes", "p50 ms", "p99 ms", "max ms", "p50 − bound", "p50 ÷ (bound+2)", "p50 ≤ goal", "late p99 ms", "errors", "GC paused");
        string? previous = null;
        foreach (var row in report.Latency)
        {
            var p = row.Phase;
            table.Add(
                row.Mode.Name == previous ? string.Empty : row.Mode.Name, row.Writer, row.Forwarded ? Format($"→ {row.Leader}") : "leader",
                Format($"{row.BoundMs:0}"), Ms(row.GoalMs), Format($"{p.LatencyMs.Count}"), Ms(p.LatencyMs.P50), Ms(p.LatencyMs.P99), Ms(p.LatencyMs.Max),
                Ms(row.P50AboveBoundMs), Times(row.P50OverBoundPlusSlack), row.MeetsGoal ? "yes" : "NO", Ms(p.StartLateP99Ms),
                Format($"{p.Errors + p.Short}"), Format($"{p.Runtime.GcPausedShare:P1}"));
            previous = row.Mode.Name;
        }

        table.WriteTo(writer);
        var met = report.Latency.Count(r => r.MeetsGoal);
        writer.WriteLine(Format($"  {met} of {report.Latency.Count} rows meet the goal (p50 ≤ {LatencyRow.GoalFactor} × bound + {LatencyRow.GoalSlackMs} ms)"));
    }

    private static void WriteFailover(TextWriter writer, LeaderReport report)
    {
        var s = report.Settings;
        writer.WriteLine(Format($"Failover drills over the WAN matrix: a fresh keyspace per drill with {s.FailoverKeys} keys on every replica; {s.Leader} cut off both ways"));
        writer.WriteLine(Format($" (cut = until every silo applied the cut: the harness). SingleLeader: at once an automatic fenced failover called in {s.FailoverFrom}"));
        writer.WriteLine(" (detection is manual: 0 here), then the first write sent in the new leader's region. Chain: no failover call; the first write,");
        writer.WriteLine(Format($" sent in {s.FailoverFrom}, finds the head cut off and removes it through the catalog. floor = the failover's WAN round trips in"));
        writer.WriteLine(" sequence (survey the followers in parallel, tell the new leader, then each other region); write bound = the mode's bound for");
        writer.WriteLine(" that write without the cut-off region (∞: it waits for that region); epoch = a chain's version;");
        writer.WriteLine(Format($" rejoin = links healed → {s.Leader} holds the new epoch (a chain's old head waits for an operator). One rehearsal per mode unmeasured."));
        var trials = new TextTable(
            "mode", "#", "new leader", "epoch", "cut ms", "failover ms", "floor ms", "first write ms", "write bound ms", "acknowledged", "cut → first write ms", "rejoin ms", "warnings");
        foreach (var t in report.FailoverTrials)
        {
            trials.Add(
                t.Mode, Format($"{t.Repetition}"), t.NewLeader, Format($"{t.NewEpoch}"), Ms(t.CutMs), Ms(t.FailoverMs), Bound(t.FailoverFloorMs), Ms(t.FirstWriteMs),
                Bound(t.FirstWriteBoundMs), t.FirstWriteAcknowledged ? "yes" : "NO", Ms(t.ToFirstWriteMs), Ms(t.RejoinMs), Format($"{t.Warnings}"));
        }

        trials.WriteTo(writer);
        writer.WriteLine();
        writer.WriteLine("Per mode, medians (min–max) of the drills; cut → first write = failover + first write, from the cut in force everywhere");
        writer.WriteLine(" (only drills whose first write was acknowledged)");
        var summary = new TextTable(
            "mode", "drills", "acknowledged", "new leaders", "failover ms", "floor ms", "failover − floor", "first write ms", "write bound ms", "cut → first write ms", "rejoin ms");
        foreach (var f in report.Failover)
        {
            summary.Add(
                f.Mode, Format($"{f.Trials}"), Format($"{f.Acknowledged}"), string.Join(", ", f.NewLeaders), Range(f.FailoverMs), Bound(f.FailoverFloorMs),
                Ms(f.FailoverMs.P50 - f.FailoverFloorMs), Range(f.FirstWriteMs), Bound(f.FirstWriteBoundMs), Range(f.ToFirstWriteMs), Range(f.RejoinMs));
        }

        summary.WriteTo(writer);
    }

    private static void WriteWarnings(TextWriter writer, LeaderReport report)
    {
        foreach (var row in report.Latency)
        {
            var name = Format($"{row.Mode.Name} from {row.Writer}");
            if (row.Phase.Errors > 0)
            {
                writer.WriteLine(Format($"  {name}: {row.Phase.Errors} of {row.Phase.Due} writes failed, first: {row.Phase.FirstError}"));
            }

            if (row.Phase.Short > 0)
            {
                writer.WriteLine(Format($"  {name}: {row.Phase.Short} answers fell short of the mode's acknowledgement"));
            }
        }

        foreach (var f in report.Failover.Where(f => f.FirstError is not null))
        {
            writer.WriteLine(Format($"  failover {f.Mode}: {f.Trials - f.Acknowledged} of {f.Trials} first writes not acknowledged, first: {f.FirstError}"));
        }

        ThroughputTables.WriteErrors(writer, report.ThroughputPhases);
    }

    private static string Bound(double ms) => double.IsPositiveInfinity(ms) ? "∞" : double.IsNaN(ms) ? "–" : Format($"{ms:0}");

    private static string Range(Topology.Spread spread) => spread.Count == 0 ? "–" : Format($"{Ms(spread.P50)} ({Ms(spread.Min)}–{Ms(spread.Max)})");
}
