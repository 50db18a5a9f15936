using GeoStore.Bench.Reporting;
using static GeoStore.Bench.Reporting.Cell;

namespace GeoStore.Bench.Throughput;

/// <summary>Prints a <see cref="ThroughputComparison"/>: every phase in the order it ran, then each condition pooled against the baseline.</summary>
public static class ThroughputTables
{
    public static void Write(TextWriter writer, ThroughputPlan plan, IReadOnlyList<ThroughputPhase> phases, IReadOnlyList<ThroughputResult> pooled)
    {
        var regions = plan.WriteRegion is { } only ? Format($"key uniform, reads in a region drawn uniformly, writes all sent in {only}") : "region and key uniform";
        writer.WriteLine(Format($"Throughput at no WAN latency: {plan.Clients} closed-loop clients, {plan.ReadRatio:P0} reads, {regions};"));
        writer.WriteLine(Format($" {plan.Rounds} phase(s) per condition in the order A B C C B A …, each {plan.Warmup.TotalSeconds:0.#} s unmeasured + {plan.Duration.TotalSeconds:0.#} s measured;"));
        writer.WriteLine(" KB/op = bytes this process allocated per operation, every silo included; timers = Timer.ActiveCount when the phase ended;");
        writer.WriteLine(" conflicts = LWW losers resolved (geostore.conflicts); drain = wait after the phase until every log was acknowledged");
        var table = new TextTable("#", "condition", "ops/s", "read p50 ms", "read p99 ms", "write p50 ms", "write p99 ms", "errors", "GC paused", "JIT ms", "KB/op", "timers", "conflicts", "drain s");
        foreach (var p in phases)
        {
            var l = p.Load;
            table.Add(
                Format($"{p.Index}"), p.Condition, Format($"{l.All.OpsPerSecond:0}"), Ms(l.Gets.P50Ms), Ms(l.Gets.P99Ms), Ms(l.Puts.P50Ms), Ms(l.Puts.P99Ms),
                Format($"{l.ErrorCount}"), Format($"{l.Runtime.GcPausedShare:P1}"), Format($"{l.Runtime.JitMs:0}"), Kb(p.AllocatedBytesPerOperation), Format($"{p.ActiveTimers}"),
                Format($"{p.ConflictRecords}"), Format($"{p.DrainSeconds:0.00}"));
        }

        table.WriteTo(writer);
        if (pooled.Count == 0)
        {
            return;
        }

        writer.WriteLine();
        writer.WriteLine(Format($"Per condition, phases pooled (× base = ops/s against {pooled[0].Condition.Name} of this run; spread = fastest ÷ slowest phase"));
        writer.WriteLine(" of the condition, this run's noise floor)");
        var levels = pooled.Any(t => t.Condition.W is not null || t.Condition.R is not null);
        var headers = new[] { "condition", "W", "R", "ops/s", "× base", "spread", "reads/s", "writes/s", "read p50 ms", "read p99 ms", "write p50 ms", "write p99 ms", "errors", "GC paused", "KB/op", "conflicts/1000 writes" };
        var perCondition = new TextTable([.. headers.Where(h => levels || h is not ("W" or "R"))]);
        foreach (var t in pooled)
        {
            var l = t.Pooled;
            string[] cells =
            [
                t.Condition.Name, Count(t.Condition.W), Count(t.Condition.R), Format($"{l.All.OpsPerSecond:0}"), Times(t.OverBaseline), Times(t.Spread),
                Format($"{l.Gets.OpsPerSecond:0}"), Format($"{l.Puts.OpsPerSecond:0}"), Ms(l.Gets.P50Ms), Ms(l.Gets.P99Ms), Ms(l.Puts.P50Ms), Ms(l.Puts.P99Ms),
                Format($"{l.ErrorCount}"), Format($"{l.Runtime.GcPausedShare:P1}"), Kb(t.AllocatedBytesPerOperation), Format($"{t.ConflictRecordsPer1000Writes:0.0}"),
            ];
            perCondition.Add(levels ? cells : [cells[0], .. cells[3..]]);
        }

        perCondition.WriteTo(writer);
    }

    /// <summary>One line per throughput phase that had errors, with the errors counted by kind.</summary>
    public static void WriteErrors(TextWriter writer, IReadOnlyList<ThroughputPhase> phases)
    {
        foreach (var phase in phases.Where(p => p.Load.ErrorCount > 0))
        {
            writer.WriteLine(Format($"  throughput phase {phase.Index} ({phase.Condition}): errors {string.Join(", ", phase.Load.Errors.Select(e => $"{e.Key} × {e.Value}"))}"));
        }
    }
}
