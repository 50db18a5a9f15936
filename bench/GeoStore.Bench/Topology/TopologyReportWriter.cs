using System.Globalization;
using GeoStore.Bench.Reporting;

namespace GeoStore.Bench.Topology;

/// <summary>Prints a <see cref="TopologyReport"/>: lag per topology and pair next to its minimum, and conflicts against write rate.</summary>
public static class TopologyReportWriter
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Write(TextWriter writer, TopologyReport report)
    {
        var s = report.Settings;
        writer.WriteLine($"GeoStore bench — topology scenario, {report.Target}");
        writer.WriteLine($"machine: {report.Machine}; started {report.StartedAt:u}");
        writer.WriteLine($"WAN one-way latency, the same both ways: {s.Wan.Describe()}");
        writer.WriteLine(Format($"replication window: {s.ReplicationWindow} batch(es) in flight per link"));
        writer.WriteLine(Format($"lag phases: open loop at {s.WriteRate} writes/s, region and key uniform (seed {s.Seed}), {s.LagKeys} keys, {s.ValueSize} B values;"));
        writer.WriteLine(Format($"  per topology {s.Warmup.TotalSeconds:0.#} s unmeasured + {s.Duration.TotalSeconds:0.#} s measured; 1 in {s.LagSampleEvery} measured writes followed in both other regions"));
        writer.WriteLine(Format($"warm-up: {report.Warmup.Seconds:0} s, until the JIT spent {report.Warmup.LastSliceJitShare:P1} of a 2 s slice compiling")
            + (report.Warmup.JitQuiet ? string.Empty : " (not quiet yet)"));
        writer.WriteLine();

        if (report.Topologies.Count > 0)
        {
            WritePairs(writer, report);
            writer.WriteLine();
            WriteSideBySide(writer, report);
            writer.WriteLine();
            WriteTopologies(writer, report);
            writer.WriteLine();
        }

        if (report.ConflictRates.Count > 0)
        {
            WriteConflictRates(writer, report);
            writer.WriteLine();
        }

        WriteWarnings(writer, report);
    }

    private static void WritePairs(TextWriter writer, TopologyReport report)
    {
        writer.WriteLine("Replication lag per topology and pair (write acknowledged in the origin → a read in the target that asks for that");
        writer.WriteLine(" version answers; min = sum of one-way latencies along ReplicationRoute.PathTo(origin, target); lost = timed out or failed)");
        var table = new TextTable(
            "topology", "origin → target", "path", "min ms", "samples", "lost", "p50 ms", "p99 ms", "max ms", "p50 ÷ min", "p99 ÷ min", "p50 − min ms", "p99 − min ms");
        foreach (var topology in report.Topologies)
        {
            var first = true;
            foreach (var pair in topology.Pairs)
            {
                var lag = pair.Lag;
                table.Add(
                    first ? topology.Case.Name : string.Empty, $"{pair.Origin} → {pair.Target}", string.Join("→", pair.Path), Format($"{pair.MinimumMs}"),
                    Format($"{lag.Samples}"), Format($"{lag.TimedOut + lag.Failed}"), Ms(lag.P50Ms), Ms(lag.P99Ms), Ms(lag.MaxMs),
                    Times(pair.P50OverMinimum), Times(pair.P99OverMinimum), Ms(pair.P50AboveMinimumMs), Ms(pair.P99AboveMinimumMs));
                first = false;
            }
        }

        table.WriteTo(writer);
    }

    private static void WriteSideBySide(TextWriter writer, TopologyReport report)
    {
        writer.WriteLine("Lag p50 per pair, topologies side by side (measured ms / minimum ms)");
        var table = new TextTable([.. report.Topologies.Select(t => t.Case.Name).Prepend("origin → target")]);
        foreach (var (origin, target) in report.Topologies[0].Pairs.Select(p => (p.Origin, p.Target)))
        {
            table.Add([.. report.Topologies
                .Select(t => t.Pairs.First(p => p.Origin == origin && p.Target == target))
                .Select(p => Format($"{Ms(p.Lag.P50Ms)} / {p.MinimumMs}"))
                .Prepend($"{origin} → {target}")]);
        }

        table.WriteTo(writer);
    }

    private static void WriteTopologies(TextWriter writer, TopologyReport report)
    {
        writer.WriteLine("Per topology, every pair pooled (− min and ÷ min: each sample against its own pair's minimum; late = how far the");
        writer.WriteLine(" scheduler started writes behind time; conflicts: records per 1000 writes of the phase, and the model's at least-time replication)");
        var table = new TextTable(
            "topology", "shape", "writes/s", "late p99 ms", "PUT p50 ms", "PUT p99 ms", "samples", "lag p50 ms", "lag p99 ms",
            "− min p50", "− min p99", "÷ min p50", "÷ min p99", "conflicts/1000", "model/1000", "× model", "GC paused");
        foreach (var t in report.Topologies)
        {
            table.Add(
                t.Case.Name, t.Case.Shape, Format($"{t.Writes.AchievedRate:0}"), Ms(t.Writes.StartLateP99Ms), Ms(t.Writes.PutP50Ms), Ms(t.Writes.PutP99Ms),
                Format($"{t.Pooled.Samples}"), Ms(t.Pooled.P50Ms), Ms(t.Pooled.P99Ms), Ms(t.AboveMinimumMs.P50), Ms(t.AboveMinimumMs.P99),
                Times(t.OverMinimum.P50), Times(t.OverMinimum.P99), Count(t.Conflicts.RecordsPer1000Writes), Count(t.Conflicts.ModelRecordsPer1000Writes),
                Times(t.Conflicts.OverModel), Format($"{t.Writes.Runtime.GcPausedShare:P1}"));
        }

        table.WriteTo(writer);
    }

    private static void WriteConflictRates(TextWriter writer, TopologyReport report)
    {
        var s = report.Settings;
        writer.WriteLine(Format($"Conflicts against write rate (AllToAll LWW, {s.HotKeys} hot keys, writes from every region, {s.Duration.TotalSeconds:0.#} s each; read back from the"));
        writer.WriteLine(" conflict logs after replication drained. A record = one LWW loser logged in one region (a losing write is logged in each region");
        writer.WriteLine(" that held both versions); losing = distinct writes that lost; metric = geostore.conflicts; model = the same writes at least-time replication)");
        var table = new TextTable(
            "target w/s", "achieved w/s", "late p99 ms", "writes", "per key/s", "records", "records/s", "records/1000 writes", "losing/1000 writes",
            "metric", "model/1000", "× model", "PUT p99 ms", "GC paused");
        foreach (var r in report.ConflictRates)
        {
            var c = r.Conflicts;
            table.Add(
                Format($"{r.Rate}"), Format($"{r.Writes.AchievedRate:0}"), Ms(r.Writes.StartLateP99Ms), Format($"{c.Writes}"), Format($"{r.Rate / (double)r.HotKeys:0.#}"),
                Format($"{c.Logged.Records}"), Count(c.RecordsPerSecond), Count(c.RecordsPer1000Writes), Count(c.LosingWritesPer1000Writes),
                Format($"{c.Metric}"), Count(c.ModelRecordsPer1000Writes), Times(c.OverModel), Ms(r.Writes.PutP99Ms), Format($"{r.Writes.Runtime.GcPausedShare:P1}"));
        }

        table.WriteTo(writer);
    }

    private static void WriteWarnings(TextWriter writer, TopologyReport report)
    {
        var phases = report.Topologies.Select(t => (Name: t.Case.Name, t.Writes, t.Conflicts))
            .Concat(report.ConflictRates.Select(r => (Name: Format($"conflicts at {r.Rate}/s"), r.Writes, r.Conflicts)));
        foreach (var (name, writes, conflicts) in phases)
        {
            if (writes.Errors > 0)
            {
                writer.WriteLine(Format($"  {name}: {writes.Errors} writes failed, first: {writes.FirstError}"));
            }

            if (conflicts.Dropped > 0)
            {
                writer.WriteLine(Format($"  {name}: the conflict logs dropped {conflicts.Dropped} records to stay within capacity; the metric column counts them all"));
            }

            if (conflicts.Metric != conflicts.Logged.Records && conflicts.Dropped == 0)
            {
                writer.WriteLine(Format($"  {name}: {conflicts.Logged.Records} conflict records read back, but the metric counted {conflicts.Metric}"));
            }
        }

        foreach (var pair in report.Topologies.SelectMany(t => t.Pairs.Select(p => (t.Case.Name, Pair: p))).Where(p => p.Pair.Lag.TimedOut + p.Pair.Lag.Failed > 0))
        {
            writer.WriteLine(Format($"  {pair.Name} {pair.Pair.Origin} → {pair.Pair.Target}: {pair.Pair.Lag.TimedOut} samples not served within {ArrivalProbe.Deadline.TotalSeconds:0} s, {pair.Pair.Lag.Failed} failed"));
        }
    }

    private static string Ms(double ms) => double.IsNaN(ms) ? "–" : ms.ToString(Math.Abs(ms) < 10 ? "0.00" : "0.0", Invariant);

    private static string Count(double value) => double.IsNaN(value) ? "–" : value.ToString(value < 10 ? "0.00" : "0.0", Invariant);

    private static string Times(double ratio) => double.IsNaN(ratio) || double.IsInfinity(ratio) ? "–" : ratio.ToString("0.00", Invariant) + "×";

    private static string Format(FormattableString text) => text.ToString(Invariant);
}
