using System.Globalization;
using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Bench.Clusters;
using GeoStore.Bench.Topology;
using GeoStore.Core.Leadership;
using GeoStore.Core.Wan;
using GeoStore.Grains.Leadership;
using GeoStore.Testing;

namespace GeoStore.Bench.Leader;

/// <summary>
/// The in-process cluster of the leader scenario: writes through each region's coordinator (a
/// follower region forwards to the leader), failovers called from a surviving region, a region cut
/// off from the others by the WAN and let back in. Followers get
/// <see cref="LeaderSettings.LeaderAckTimeout"/> to acknowledge a SemiSync or Sync write.
/// </summary>
public sealed class LeaderCluster : IAsyncDisposable
{
    private LeaderCluster(BenchCluster cluster) => Cluster = cluster;

    /// <summary>The cluster the throughput mix drives.</summary>
    public BenchCluster Cluster { get; }

    public string Description => Cluster.Description;

    public IReadOnlyList<string> Regions => Cluster.Regions;

    public static async Task<LeaderCluster> StartAsync(LeaderSettings settings) =>
        new(await BenchCluster.StartAsync(
            settings.SilosPerRegion,
            settings.LogShards,
            new Dictionary<string, string?> { ["GeoStore:LeaderAckTimeout"] = settings.LeaderAckTimeout.ToString("c", CultureInfo.InvariantCulture) }));

    public int IndexOf(string region)
    {
        for (var i = 0; i < Regions.Count; i++)
        {
            if (string.Equals(Regions[i], region, StringComparison.Ordinal))
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(region), region, $"Not one of {string.Join(", ", Regions)}.");
    }

    /// <summary>Writes through the coordinator of <paramref name="region"/>; throws unless the write was applied.</summary>
    public Task<WriteResult> WriteAsync(string region, string keyspace, string key, byte[] value) => Cluster.WriteAsync(IndexOf(region), keyspace, key, value);

    /// <summary>Reads the local replica of <paramref name="region"/>.</summary>
    public Task<ReadResult> ReadAsync(string region, string keyspace, string key) => Cluster.ReadAsync(IndexOf(region), keyspace, key);

    /// <summary>A fenced failover of <paramref name="keyspace"/> to the follower it chooses, called in <paramref name="from"/>.</summary>
    public Task<FailoverReport> FailoverAsync(string from, string keyspace) =>
        Cluster.Geo.In(from).GetGrain<IFailoverGrain>(keyspace).Failover(new FailoverRequest(null, Fenced: true));

    /// <summary>The epoch <paramref name="region"/> holds for the keyspace.</summary>
    public async Task<LeaderEpoch> EpochAtAsync(string region, string keyspace) =>
        (await Cluster.Geo.In(region).GetGrain<ILeadershipGrain>(LeadershipKey.Format(region, keyspace)).Current()).Epoch;

    /// <summary>Cuts every link to and from <paramref name="region"/>, and returns once every silo applies the cuts.</summary>
    public Task IsolateAsync(string region) => SetLinksOfAsync(region, _ => new WanLink(Cut: true));

    /// <summary>Heals every link to and from <paramref name="region"/> back to the matrix's latency.</summary>
    public Task RejoinAsync(string region, WanMatrix wan) => SetLinksOfAsync(region, other => new WanLink(LatencyMs: wan.LatencyMs(region, other)));

    public ValueTask DisposeAsync() => Cluster.DisposeAsync();

    private Task SetLinksOfAsync(string region, Func<string, WanLink> link) =>
        Task.WhenAll(Regions.Where(r => !string.Equals(r, region, StringComparison.Ordinal)).SelectMany(other => new[]
        {
            Cluster.Geo.SetLinkAsync(region, other, link(other)),
            Cluster.Geo.SetLinkAsync(other, region, link(other)),
        }));
}
