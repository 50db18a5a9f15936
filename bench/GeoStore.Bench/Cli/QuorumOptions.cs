using System.CommandLine;
using System.CommandLine.Parsing;
using GeoStore.Bench.Quorum;
using GeoStore.Bench.Topology;

namespace GeoStore.Bench.Cli;

/// <summary>
/// The options of <c>--scenario quorum</c>: its own (the latency phases' rate) and the WAN matrix
/// it shares with the topology scenario. The shared options (duration, warm-ups, clients, keys,
/// rounds, …) apply when given; left out, this scenario's shorter defaults apply (<see cref="QuorumSettings"/>).
/// </summary>
public sealed class QuorumOptions
{
    public const string ThroughputPart = "throughput";
    public const string LatencyPart = "latency";

    public QuorumOptions()
    {
        Parts = new Option<string>("--quorum-parts")
        {
            Description = $"Quorum scenario: what to measure, '{ThroughputPart}' (at no WAN latency), '{LatencyPart}' (over the WAN matrix) or both, comma separated.",
            DefaultValueFactory = _ => $"{ThroughputPart},{LatencyPart}",
        };
        LatencyRate = BenchCommand.Positive(new Option<int>("--quorum-rate")
        {
            Description = "Quorum scenario: open-loop operations per second of each latency phase.",
            DefaultValueFactory = _ => new QuorumSettings().LatencyRate,
        });
    }

    public Option<string> Parts { get; }

    public Option<int> LatencyRate { get; }

    public IEnumerable<Option> All => [Parts, LatencyRate];

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
    }

    /// <summary>
    /// The quorum settings: the WAN matrix and the rate, and every shared setting that
    /// <paramref name="given"/> says was on the command line (the rest keep this scenario's defaults).
    /// </summary>
    public QuorumSettings Bind(ParseResult parse, Option<string> wan, BenchSettings shared, Func<string, bool> given)
    {
        var defaults = new QuorumSettings();
        var latencies = WanMatrix.Parse(parse.GetValue(wan)!).LatenciesMs;
        var parts = ParseParts(parse.GetValue(Parts)!);
        T Pick<T>(string option, T sharedValue, T quorumDefault) => given(option) ? sharedValue : quorumDefault;
        return defaults with
        {
            Wan = new WanMatrix(QuorumSettings.Regions, latencies[0], latencies[1], latencies[2]),
            MeasureThroughput = parts.Throughput,
            MeasureLatency = parts.Latency,
            LatencyRate = parse.GetValue(LatencyRate),
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

    private static (bool Throughput, bool Latency, string? Problem) ParseParts(string list)
    {
        var parts = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = parts.FirstOrDefault(p => p is not (ThroughputPart or LatencyPart));
        return unknown is not null ? (false, false, $"--quorum-parts: '{unknown}' is not {ThroughputPart} or {LatencyPart}.")
            : parts.Length == 0 ? (false, false, "--quorum-parts needs at least one part.")
            : (parts.Contains(ThroughputPart), parts.Contains(LatencyPart), null);
    }
}
