using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using GeoStore.Bench.Topology;
using GeoStore.Core.Keyspaces;

namespace GeoStore.Bench.Cli;

/// <summary>The options of <c>--scenario topology</c>: the WAN matrix, the topologies, the lag load and the conflict phases.</summary>
public sealed class TopologyOptions
{
    private static readonly Dictionary<string, ReplicationTopology> TopologyNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["all-to-all"] = ReplicationTopology.AllToAll,
        ["ring"] = ReplicationTopology.Ring,
        ["star"] = ReplicationTopology.Star,
    };

    public TopologyOptions()
    {
        var defaults = new TopologySettings();
        Wan = new Option<string>("--wan-matrix")
        {
            Description = $"Topology, quorum and leader scenarios: one-way ms, both ways, {Regions[0]}↔{Regions[1]},{Regions[1]}↔{Regions[2]},{Regions[0]}↔{Regions[2]}.",
            DefaultValueFactory = _ => string.Join(',', WanMatrix.DefaultMs),
        };
        WriteRate = BenchCommand.Positive(new Option<int>("--write-rate") { Description = "Topology scenario: open-loop writes per second of the lag phases, over all regions.", DefaultValueFactory = _ => defaults.WriteRate });
        Topologies = new Option<string>("--topologies") { Description = "Topology scenario: the topologies to measure, in order (all-to-all, ring, star).", DefaultValueFactory = _ => "all-to-all,ring,star" };
        Ring = new Option<string>("--ring") { Description = "Topology scenario: the ring's order, every region once.", DefaultValueFactory = _ => string.Join(',', defaults.RingOrder) };
        Hub = new Option<string>("--hub") { Description = "Topology scenario: the Star topology's hub region.", DefaultValueFactory = _ => defaults.Hub };
        LagKeys = BenchCommand.Positive(new Option<int>("--lag-keys") { Description = "Topology scenario: keys the lag phases write (each written once first).", DefaultValueFactory = _ => defaults.LagKeys });
        LagSampleEvery = BenchCommand.Positive(new Option<int>("--lag-sample-every") { Description = "Topology scenario: follow 1 in n measured writes until both other regions serve it.", DefaultValueFactory = _ => defaults.LagSampleEvery });
        ConflictRates = new Option<string>("--conflict-rates") { Description = "Topology scenario: write rates (writes/s) of the conflict phases; empty for none.", DefaultValueFactory = _ => string.Join(',', defaults.ConflictRates) };
        HotKeys = BenchCommand.Positive(new Option<int>("--hot-keys") { Description = "Topology scenario: keys the conflict phases write from every region.", DefaultValueFactory = _ => defaults.HotKeys });
        Window = BenchCommand.Positive(new Option<int>("--replication-window") { Description = "Topology scenario: batches each replication link keeps in flight; 1 is stop-and-wait.", DefaultValueFactory = _ => defaults.ReplicationWindow });
    }

    public Option<string> Wan { get; }

    public Option<int> WriteRate { get; }

    public Option<string> Topologies { get; }

    public Option<string> Ring { get; }

    public Option<string> Hub { get; }

    public Option<int> LagKeys { get; }

    public Option<int> LagSampleEvery { get; }

    public Option<string> ConflictRates { get; }

    public Option<int> HotKeys { get; }

    public Option<int> Window { get; }

    public IEnumerable<Option> All => [Wan, WriteRate, Topologies, Ring, Hub, LagKeys, LagSampleEvery, ConflictRates, HotKeys, Window];

    private static IReadOnlyList<string> Regions => TopologySettings.Regions;

    /// <summary>Adds an error to <paramref name="command"/> for every option value given that does not parse.</summary>
    public void Validate(CommandResult command)
    {
        // Only the options on the command line: a root validator sees no value for a defaulted option.
        string? Given(Option<string> option) => command.GetResult(option) is null ? null : command.GetValue(option) ?? string.Empty;
        var problems = new[]
        {
            Given(Wan) is { } wan ? WanMatrix.Parse(wan).Problem : null,
            Given(Topologies) is { } topologies ? ParseTopologies(topologies).Problem : null,
            Given(Ring) is { } ring ? ParseRing(ring).Problem : null,
            Given(Hub) is { } hub && !Regions.Contains(hub, StringComparer.Ordinal) ? $"--hub must be one of {string.Join(", ", Regions)}." : null,
            Given(ConflictRates) is { } rates ? ParseRates(rates).Problem : null,
        };
        foreach (var problem in problems.OfType<string>())
        {
            command.AddError(problem);
        }
    }

    /// <summary>The topology settings, on top of the options the scenarios share (duration, seed, cluster shape, …).</summary>
    public TopologySettings Bind(ParseResult parse, BenchSettings shared)
    {
        var wan = WanMatrix.Parse(parse.GetValue(Wan)!).LatenciesMs;
        return new TopologySettings
        {
            Wan = new WanMatrix(Regions, wan[0], wan[1], wan[2]),
            WriteRate = parse.GetValue(WriteRate),
            Topologies = ParseTopologies(parse.GetValue(Topologies)!).Topologies,
            RingOrder = ParseRing(parse.GetValue(Ring)!).Order,
            Hub = parse.GetValue(Hub)!,
            LagKeys = parse.GetValue(LagKeys),
            LagSampleEvery = parse.GetValue(LagSampleEvery),
            ConflictRates = ParseRates(parse.GetValue(ConflictRates)!).Rates,
            HotKeys = parse.GetValue(HotKeys),
            ReplicationWindow = parse.GetValue(Window),
            Duration = shared.Duration,
            Warmup = shared.Warmup,
            FirstWarmup = shared.FirstWarmup,
            Seed = shared.Seed,
            ValueSize = shared.ValueSize,
            SilosPerRegion = shared.SilosPerRegion,
            LogShards = shared.LogShards,
            JsonPath = shared.JsonPath,
        };
    }

    private static string[] Split(string list) => list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static (IReadOnlyList<ReplicationTopology> Topologies, string? Problem) ParseTopologies(string list)
    {
        var names = Split(list);
        var unknown = names.FirstOrDefault(n => !TopologyNames.ContainsKey(n));
        return unknown is not null ? ([], $"--topologies: '{unknown}' is not one of {string.Join(", ", TopologyNames.Keys)}.")
            : names.Length == 0 ? ([], "--topologies needs at least one topology.")
            : ([.. names.Select(n => TopologyNames[n]).Distinct()], null);
    }

    private static (IReadOnlyList<string> Order, string? Problem) ParseRing(string list)
    {
        var order = Split(list);
        return order.Length == Regions.Count && order.Order(StringComparer.Ordinal).SequenceEqual(Regions.Order(StringComparer.Ordinal), StringComparer.Ordinal)
            ? (order, null)
            : ([], $"--ring must name every region once: {string.Join(", ", Regions)}.");
    }

    private static (IReadOnlyList<int> Rates, string? Problem) ParseRates(string list)
    {
        var rates = new List<int>();
        foreach (var part in Split(list))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var rate) || rate < 1)
            {
                return ([], $"--conflict-rates: '{part}' is not a write rate (a whole number of writes per second, at least 1).");
            }

            rates.Add(rate);
        }

        return (rates, null);
    }
}
