using System.CommandLine;
using System.CommandLine.Parsing;
using GeoStore.Bench.Leader;
using GeoStore.Bench.Quorum;
using GeoStore.Bench.Topology;

namespace GeoStore.Bench.Cli;

/// <summary>The command line of the benchmark: every knob of <see cref="BenchSettings"/> as an option.</summary>
public static class BenchCommand
{
    public const string InProcessTarget = "inprocess";
    public const string HttpTarget = "http";
    public const string LoadScenario = "load";
    public const string TopologyScenario = "topology";
    public const string QuorumScenario = "quorum";
    public const string LeaderScenario = "leader";

    public static RootCommand Create()
    {
        var defaults = new BenchSettings();
        var scenario = new Option<string>("--scenario")
        {
            Description = $"'{LoadScenario}': PUT/GET load with and without WAN latency; '{TopologyScenario}' (in-process only): replication lag per topology over a WAN matrix, and conflicts against write rate; '{QuorumScenario}' (in-process only): Leaderless read and write latency per W and R over a WAN matrix, next to the physical bound, and quorum throughput; '{LeaderScenario}' (in-process only): SingleLeader (Async, SemiSync, Sync) and Chain write latency over a WAN matrix, next to its bound, their throughput, and failover time.",
            DefaultValueFactory = _ => LoadScenario,
        };
        scenario.AcceptOnlyFromAmong(LoadScenario, TopologyScenario, QuorumScenario, LeaderScenario);
        var target = new Option<string>("--target")
        {
            Description = $"'{InProcessTarget}' starts a three-region cluster in this process; '{HttpTarget}' drives the APIs given by --urls.",
            DefaultValueFactory = _ => InProcessTarget,
        };
        target.AcceptOnlyFromAmong(InProcessTarget, HttpTarget);
        var urls = new Option<string?>("--urls") { Description = "API base addresses, one per region in region order, comma separated (implies --target http)." };
        var adminToken = new Option<string?>("--admin-token") { Description = "Bearer token of the admin API, needed over HTTP to set WAN latency and watch replication." };
        var concurrency = Positive(new Option<int>("--concurrency", "-c") { Description = "Concurrent clients.", DefaultValueFactory = _ => defaults.Concurrency });
        var duration = PositiveSeconds(new Option<double>("--duration") { Description = "Seconds each load phase is measured.", DefaultValueFactory = _ => defaults.Duration.TotalSeconds });
        var warmup = NonNegativeSeconds(new Option<double>("--warmup") { Description = "Seconds of load before each measured phase.", DefaultValueFactory = _ => defaults.Warmup.TotalSeconds });
        var firstWarmup = NonNegativeSeconds(new Option<double>("--first-warmup") { Description = "Least seconds of load before the first measured phase; it goes on until the JIT is quiet (at most 120 s).", DefaultValueFactory = _ => defaults.FirstWarmup.TotalSeconds });
        var rounds = Positive(new Option<int>("--rounds") { Description = "Measured phases per condition, alternating baseline and WAN (A B B A …).", DefaultValueFactory = _ => defaults.Rounds });
        var readRatio = new Option<double>("--read-ratio") { Description = "Share of GETs (0 to 1); the rest are PUTs.", DefaultValueFactory = _ => defaults.ReadRatio };
        readRatio.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is < 0 or > 1 or double.NaN)
            {
                r.AddError("--read-ratio must be between 0 and 1.");
            }
        });
        var keys = Positive(new Option<int>("--keys") { Description = "Distinct keys the load spreads over; each is written once before the load.", DefaultValueFactory = _ => defaults.Keys });
        var valueSize = Positive(new Option<int>("--value-size") { Description = "Bytes per value.", DefaultValueFactory = _ => defaults.ValueSize });
        var wanLatency = NonNegative(new Option<int>("--wan-latency") { Description = "One-way WAN latency (ms) set on every link for the WAN phases.", DefaultValueFactory = _ => defaults.WanLatencyMs });
        var seed = new Option<int>("--seed") { Description = "Seed of the key and operation choice.", DefaultValueFactory = _ => defaults.Seed };
        var lagSamples = Positive(new Option<int>("--lag-samples") { Description = "Writes timed until readable in another region, per condition (spread over its rounds).", DefaultValueFactory = _ => defaults.LagSamples });
        var keyspace = new Option<string>("--keyspace") { Description = "Keyspace to load (it must replicate to every region).", DefaultValueFactory = _ => defaults.Keyspace };
        var silosPerRegion = Positive(new Option<int>("--silos-per-region") { Description = "In-process only: silos in each region.", DefaultValueFactory = _ => defaults.SilosPerRegion });
        var logShards = Positive(new Option<int>("--log-shards") { Description = "In-process only: shards of each region's replication log.", DefaultValueFactory = _ => defaults.LogShards });
        var json = new Option<string?>("--json") { Description = "Also write the results as JSON to this file." };

        var topology = new TopologyOptions();
        var quorum = new QuorumOptions();
        var leader = new LeaderOptions();
        var root = new RootCommand("GeoStore load benchmark: PUT/GET throughput and latency, and replication lag, with and without WAN latency.")
        {
            scenario, target, urls, adminToken, concurrency, duration, warmup, firstWarmup, rounds, readRatio, keys, valueSize, wanLatency, seed, lagSamples,
            keyspace, silosPerRegion, logShards, json,
        };
        foreach (var option in topology.All.Concat(quorum.All).Concat(leader.All))
        {
            root.Options.Add(option);
        }

        root.Validators.Add(command =>
        {
            var overHttp = command.GetValue(target) == HttpTarget || command.GetResult(urls) is not null;
            var inProcessScenario = command.GetValue(scenario) is TopologyScenario or QuorumScenario or LeaderScenario;
            if (command.GetValue(scenario) == TopologyScenario)
            {
                topology.Validate(command);
            }
            else if (command.GetValue(scenario) == QuorumScenario)
            {
                quorum.Validate(command, topology.Wan);
            }
            else if (command.GetValue(scenario) == LeaderScenario)
            {
                leader.Validate(command, topology.Wan);
            }

            if (inProcessScenario && overHttp)
            {
                command.AddError($"--scenario {command.GetValue(scenario)} runs in-process only: leave out --target http and --urls.");
            }
            else if (overHttp && string.IsNullOrWhiteSpace(command.GetValue(urls)))
            {
                command.AddError("--target http needs --urls.");
            }
            else if (command.GetValue(urls) is { } list && ParseUrls(list) is { Problem: { } problem })
            {
                command.AddError(problem);
            }
        });

        root.SetAction(async (parse, cancellationToken) =>
        {
            var settings = new BenchSettings
            {
                Urls = parse.GetValue(urls) is { } list ? ParseUrls(list).Urls : [],
                AdminToken = parse.GetValue(adminToken),
                Concurrency = parse.GetValue(concurrency),
                Duration = TimeSpan.FromSeconds(parse.GetValue(duration)),
                Warmup = TimeSpan.FromSeconds(parse.GetValue(warmup)),
                FirstWarmup = TimeSpan.FromSeconds(parse.GetValue(firstWarmup)),
                Rounds = parse.GetValue(rounds),
                ReadRatio = parse.GetValue(readRatio),
                Keys = parse.GetValue(keys),
                ValueSize = parse.GetValue(valueSize),
                WanLatencyMs = parse.GetValue(wanLatency),
                Seed = parse.GetValue(seed),
                LagSamples = parse.GetValue(lagSamples),
                Keyspace = parse.GetValue(keyspace)!,
                SilosPerRegion = parse.GetValue(silosPerRegion),
                LogShards = parse.GetValue(logShards),
                JsonPath = parse.GetValue(json),
            };
            bool Given(string name) => root.Options.FirstOrDefault(o => o.Name == name) is { } o && parse.GetResult(o) is { Implicit: false };
            try
            {
                return parse.GetValue(scenario) switch
                {
                    TopologyScenario => await TopologyRun.RunAsync(topology.Bind(parse, settings), Console.Out, cancellationToken),
                    QuorumScenario => await QuorumRun.RunAsync(quorum.Bind(parse, topology.Wan, settings, Given), Console.Out, cancellationToken),
                    LeaderScenario => await LeaderRun.RunAsync(leader.Bind(parse, topology.Wan, settings, Given), Console.Out, cancellationToken),
                    _ => await BenchRun.RunAsync(settings, Console.Out, cancellationToken),
                };
            }
            catch (Exception ex) when (ex is HttpRequestException or TimeoutException or InvalidOperationException)
            {
                // The target is unreachable or misbehaves: say so in one line, not with a stack trace.
                await Console.Error.WriteLineAsync($"bench failed: {ex.Message}");
                return 1;
            }
        });
        return root;
    }

    private static (IReadOnlyList<Uri> Urls, string? Problem) ParseUrls(string list)
    {
        var urls = new List<Uri>();
        foreach (var part in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(part, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                return ([], $"--urls: '{part}' is not an http(s) address.");
            }

            urls.Add(uri);
        }

        return urls.Count < 2 ? ([], "--urls needs one address per region, at least two.") : (urls, null);
    }

    internal static Option<int> Positive(Option<int> option) => Checked(option, v => v > 0, "must be at least 1");

    private static Option<int> NonNegative(Option<int> option) => Checked(option, v => v >= 0, "must not be negative");

    private static Option<double> PositiveSeconds(Option<double> option) => Checked(option, v => v > 0, "must be more than 0 seconds");

    private static Option<double> NonNegativeSeconds(Option<double> option) => Checked(option, v => v >= 0, "must not be negative");

    private static Option<T> Checked<T>(Option<T> option, Func<T, bool> holds, string rule)
    {
        option.Validators.Add(result =>
        {
            if (!holds(result.GetValueOrDefault<T>()))
            {
                result.AddError($"{option.Name} {rule}.");
            }
        });
        return option;
    }
}
