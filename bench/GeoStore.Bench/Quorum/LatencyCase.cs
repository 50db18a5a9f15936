using System.Globalization;
using System.Text.Json.Serialization;

namespace GeoStore.Bench.Quorum;

/// <summary>
/// One row of the latency table: <see cref="Operation"/> coordinated from the region at index
/// <see cref="Region"/>, asking for <see cref="Level"/> replicas (W for a write, R for a read) of <see cref="N"/>.
/// </summary>
public sealed record LatencyCase(int Region, QuorumOperation Operation, int Level, int N)
{
    /// <summary><c>W=2 (quorum)</c>, <c>R=1 (one)</c>, …: the level as the HTTP API names it.</summary>
    [JsonIgnore]
    public string LevelName => string.Create(
        CultureInfo.InvariantCulture,
        $"{(Operation == QuorumOperation.Write ? "W" : "R")}={Level} ({(Level == 1 ? "one" : Level == N ? "all" : Level == (N / 2) + 1 ? "quorum" : "n")})");

    /// <summary>Every region, every operation, every level from 1 to <paramref name="n"/>: writes first, then reads, per region.</summary>
    public static IReadOnlyList<LatencyCase> All(int regions, int n) =>
        [.. from region in Enumerable.Range(0, regions)
            from operation in new[] { QuorumOperation.Write, QuorumOperation.Read }
            from level in Enumerable.Range(1, n)
            select new LatencyCase(region, operation, level, n)];
}
