namespace GeoStore.Bench.Reporting;

/// <summary>What a phase runs under: the baseline (no WAN latency) or the WAN latency under test.</summary>
public sealed record Condition(string Name, int WanLatencyMs)
{
    public static Condition Baseline { get; } = new("baseline", 0);

    public static Condition Wan(int latencyMs) => new($"wan-{latencyMs}ms", latencyMs);

    /// <summary>
    /// The order of the measured phases: A B, then B A, then A B …, so that with an even number of
    /// rounds each condition sits as often early as late in the run. Baseline only without <paramref name="wan"/>.
    /// </summary>
    public static IReadOnlyList<Condition> Schedule(int rounds, Condition? wan) =>
        [.. Enumerable.Range(0, rounds).SelectMany(round => wan is null
            ? [Baseline]
            : round % 2 == 0 ? new[] { Baseline, wan } : [wan, Baseline])];
}
