using GeoStore.Abstractions.Messages;
using GeoStore.Bench.Clusters;
using GeoStore.Bench.Topology;
using GeoStore.Core.Keyspaces;

namespace GeoStore.Bench.Quorum;

/// <summary>
/// The in-process cluster of the quorum scenario: reads and writes through each region's
/// coordinator with a per-request R or W, keyspaces created per phase, and the WAN matrix on or
/// off. Regions are addressed by their index in <see cref="Regions"/>.
/// </summary>
public sealed class QuorumCluster : IAsyncDisposable
{
    private QuorumCluster(BenchCluster cluster) => Cluster = cluster;

    /// <summary>The cluster the scenario shares with the other in-process scenarios' building blocks (the throughput mix).</summary>
    public BenchCluster Cluster { get; }

    public string Description => Cluster.Description;

    public IReadOnlyList<string> Regions => Cluster.Regions;

    public static async Task<QuorumCluster> StartAsync(QuorumSettings settings) =>
        new(await BenchCluster.StartAsync(settings.SilosPerRegion, settings.LogShards));

    /// <summary>Sets every directed link to the matrix's one-way latency, or to 0 ms when <paramref name="wan"/> is null.</summary>
    public Task SetWanAsync(WanMatrix? wan) => Cluster.SetWanAsync(wan);

    public Task CreateKeyspaceAsync(string name, KeyspacePolicy policy) => Cluster.CreateKeyspaceAsync(name, policy);

    /// <summary>Writes through the coordinator of <paramref name="region"/>; <paramref name="w"/> is the request's write quorum (null: the keyspace's).</summary>
    public Task<WriteResult> WriteAsync(int region, string keyspace, string key, byte[] value, int? w) => Cluster.WriteAsync(region, keyspace, key, value, w);

    /// <summary>Reads through the coordinator of <paramref name="region"/>; <paramref name="r"/> is the request's read quorum (null: the keyspace's).</summary>
    public Task<ReadResult> ReadAsync(int region, string keyspace, string key, int? r) => Cluster.ReadAsync(region, keyspace, key, r);

    /// <summary>
    /// One operation of a phase, asking for <paramref name="level"/> replicas (W or R; null: the
    /// keyspace's own); the quorum answer it carried, null in a keyspace that is not Leaderless.
    /// </summary>
    public async Task<QuorumAnswer?> RunAsync(QuorumOperation operation, int region, string keyspace, string key, int? level, byte[] value) =>
        operation == QuorumOperation.Read
            ? (await ReadAsync(region, keyspace, key, level)).Quorum
            : (await WriteAsync(region, keyspace, key, value, level)).Quorum;

    /// <summary>
    /// Waits until every region's log is acknowledged by every peer, seen twice in a row, and says
    /// how long that took: a multi-leader write is acknowledged before it replicates, so a phase
    /// can leave work behind that would otherwise slow the next one down. Leaderless writes are not logged.
    /// </summary>
    public Task<TimeSpan> DrainAsync(TimeSpan deadline) => Cluster.DrainAsync(deadline, TimeSpan.FromMilliseconds(10));

    public ValueTask DisposeAsync() => Cluster.DisposeAsync();
}
