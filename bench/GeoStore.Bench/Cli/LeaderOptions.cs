using System.CommandLine;
using System.CommandLine.Parsing;
using GeoStore.Bench.Leader;
using GeoStore.Bench.Topology;

namespace GeoStore.Bench.Cli;

/// <summary>
/// The options of <c>--scenario leader</c>: its own (the latency phases' rate, the failover drills)
/// and the WAN matrix it shares with the topology and quorum scenarios. The shared options
/// (duration, warm-ups, clients, keys, rounds, …) apply when given; left out, this scenario's
/// shorter defaults apply (<see cref="LeaderSettings"/>).
/// </summary>
public sealed class LeaderOptions
{
    public const string ThroughputPart = "throughput";
    public const string LatencyPart = "latency";
    public const string FailoverPart = "failover";

    public const string WritesEverywhere = "all";
    public const string WritesAtLeader = "leader";

    private static readonly string[] PartNames = [ThroughputPart, LatencyPart, FailoverPart];

    public LeaderOptions()
    {
        var defaults = new LeaderSettings();
        Parts = new Option<string>("--leader-parts")
        {
            Description = $"Leader scenario: what to measure, '{ThroughputPart}' (at no WAN latency), '{LatencyPart}' and '{FailoverPart}' (over the WAN matrix), comma separated.",
            DefaultValueFactory = _ => string.Join(',', PartNames),
        };
        LatencyRate = BenchCommand.Positive(new Option<int>("--leader-rate")
        {
            Description = "Leader scenario: open-loop writes per second of each latency phase.",
            DefaultValueFactory = _ => defaults.LatencyRate,
        });
        Failovers = BenchCommand.Positive(new Option<int>("--failovers")
        {
            Description = "Leader scenario: measured failover drills per mode (after one unmeasured rehearsal per mode).",
            DefaultValueFactory = _ => defaults.Failovers,
        });
        Writes = new Option<string>("--leader-writes")
        {
            Description = $"Leader scenario, throughput phases: '{WritesEverywhere}' sends each write in a region drawn uniformly (followers forward it to the leader), '{WritesAtLeader}' sends every write in the leader's region (the baseline's too); reads stay uniform.",
            DefaultValueFactory = _ => WritesEverywhere,
        };
        Writes.AcceptOnlyFromAmong(WritesEverywhere, WritesAtLeader);
        FailoverFrom = new Option<string>("--failover-from")
        {
            Description = $"Leader scenario: the surviving region the failovers are called in and a chain drill's first write is sent in (not the leader, {defaults.Leader}).",
            DefaultValueFactory = _ => defaults.FailoverFrom,
        };
    }

    public Option<string> Parts { get; }

    public Option<int> LatencyRate { get; }

    public Option<int> Failovers { get; }

    public Option<string> Writes { get; }

    public Option<string> FailoverFrom { get; }

    public IEnumerable<Option> All => [Parts, LatencyRate, Failovers, Writes, FailoverFrom];

    /// <summary>Adds an error to <paramref name="command"/> for every option value given that does not parse.</summary>
    public void Validate(CommandResult command, Option<string> wan)
    {
        // Only the options on the command line: a root validator sees no value for a defaulted option.
        if (command.GetResult(wan) is not null && WanMatrix.Parse(command.GetValue(wan) ?? string.Empty).Problem is { } problem)
        {
            command.AddError(problem);
        }

        if (command.GetResult(Parts) is not null && ParseParts(command.GetValue(Parts) ?? string.Empty).Problem is { } partsProblem)
        {
            command.AddError(partsProblem);
        }

        var leader = new LeaderSettings().Leader;
        if (command.GetResult(FailoverFrom) is not null && command.GetValue(FailoverFrom) is var from
            && (!LeaderSettings.Regions.Contains(from, StringComparer.Ordinal) || string.Equals(from, leader, StringComparison.Ordinal)))
        {
            command.AddError($"--failover-from must be a region that survives the leader's cut: {string.Join(", ", LeaderSettings.Regions.Where(r => r != leader))}.");
        }
    }

    /// <summary>
    /// The leader settings: the WAN matrix, the rate and the drills, and every shared setting that
    /// <paramref name="given"/> says was on the command line (the rest keep this scenario's defaults).
    /// </summary>
    public LeaderSettings Bind(ParseResult parse, Option<string> wan, BenchSettings shared, Func<string, bool> given)
    {
        var defaults = new LeaderSettings();
        var latencies = WanMatrix.Parse(parse.GetValue(wan)!).LatenciesMs;
        var parts = ParseParts(parse.GetValue(Parts)!).Parts;
        T Pick<T>(string option, T sharedValue, T leaderDefault) => given(option) ? sharedValue : leaderDefault;
        return defaults with
        {
            Wan = new WanMatrix(LeaderSettings.Regions, latencies[0], latencies[1], latencies[2]),
            MeasureThroughput = parts.Contains(ThroughputPart),
            MeasureLatency = parts.Contains(LatencyPart),
            MeasureFailover = parts.Contains(FailoverPart),
            LatencyRate = parse.GetValue(LatencyRate),
            Failovers = parse.GetValue(Failovers),
            WritesAtLeader = parse.GetValue(Writes) == WritesAtLeader,
            FailoverFrom = parse.GetValue(FailoverFrom)!,
            Concurrency = Pick("--concurrency", shared.Concurrency, defaults.Concurrency),
            ReadRatio = shared.ReadRatio,
            Keys = Pick("--keys", shared.Keys, defaults.Keys),
            Duration = Pick("--duration", shared.Duration, defaults.Duration),
            Warmup = Pick("--warmup", shared.Warmup, defaults.Warmup),
            FirstWarmup = Pick("--first-warmup", shared.FirstWarmup, defaults.FirstWarmup),
            Rounds = Pick("--rounds", shared.Rounds, defaults.Rounds),
            Seed = shared.Seed,
            ValueSize = shared.ValueSize,
            SilosPerRegion = shared.SilosPerRegion,
            LogShards = shared.LogShards,
            JsonPath = shared.JsonPath,
        };
    }

    private static (IReadOnlyList<string> Parts, string? Problem) ParseParts(string list)
    {
        var parts = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = parts.FirstOrDefault(p => !PartNames.Contains(p, StringComparer.Ordinal));
        return unknown is not null ? ([], $"--leader-parts: '{unknown}' is not one of {string.Join(", ", PartNames)}.")
            : parts.Length == 0 ? ([], "--leader-parts needs at least one part.")
            : (parts, null);
    }
}
