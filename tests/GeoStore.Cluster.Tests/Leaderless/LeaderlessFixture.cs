using GeoStore.Core.Keyspaces;
using GeoStore.Testing;

namespace GeoStore.Cluster.Tests.Leaderless;

/// <summary>
/// Three regions, one silo each, shared by the Leaderless tests. The quorum timeout is long (8 s, the most allowed),
/// so a test that sees quorum-not-met well before it has seen a region fail fast, not time out.
/// ap-south's clock runs five seconds fast.
/// </summary>
public sealed class LeaderlessFixture : IAsyncLifetime
{
    public const string East = "us-east", West = "eu-west", South = "ap-south";

    public static readonly TimeSpan QuorumTimeout = TimeSpan.FromSeconds(8);

    public GeoCluster Geo { get; private set; } = null!;

    /// <summary>Slows one region's register reads on request.</summary>
    public SlowReplicaFilter SlowReplicas { get; } = new();

    public async ValueTask InitializeAsync() => Geo = await GeoCluster.StartAsync(new GeoClusterOptions
    {
        ClockSkew = new Dictionary<string, TimeSpan> { [South] = TimeSpan.FromSeconds(5) },
        Settings = new Dictionary<string, string?> { ["GeoStore:QuorumTimeout"] = QuorumTimeout.ToString() },
        ConfigureSilo = silo => silo.AddIncomingGrainCallFilter(SlowReplicas),
    });

    /// <summary>A fresh Leaderless keyspace over all three regions.</summary>
    public async Task<string> KeyspaceAsync(
        int? w = null, int? r = null, bool linearizable = false, bool sloppy = false, ConflictResolver resolver = ConflictResolver.Lww, string prefix = "ll")
    {
        var name = $"{prefix}-{Guid.NewGuid():N}"[..30];
        await Geo.PutKeyspaceAsync(name, new KeyspacePolicy(
            ReplicationMode.Leaderless, [East, West, South], resolver, W: w, R: r, Linearizable: linearizable, Sloppy: sloppy));
        return name;
    }

    public async ValueTask DisposeAsync() => await Geo.DisposeAsync();
}
