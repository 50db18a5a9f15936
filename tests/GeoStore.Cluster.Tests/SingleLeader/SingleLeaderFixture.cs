using System.Text;
using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Core.Keyspaces;
using GeoStore.Core.Leadership;
using GeoStore.Grains.Leadership;
using GeoStore.Testing;

namespace GeoStore.Cluster.Tests.SingleLeader;

/// <summary>
/// Three regions, one silo each, shared by the SingleLeader tests. Followers get 3 s to acknowledge
/// a SemiSync or Sync write. ap-south's clock runs five seconds fast, so a test can show that epochs,
/// not clocks, order a new leader's writes above a deposed one's.
/// </summary>
public sealed class SingleLeaderFixture : IAsyncLifetime
{
    public const string East = "us-east", West = "eu-west", South = "ap-south";

    public static readonly TimeSpan AckTimeout = TimeSpan.FromSeconds(3);

    public GeoCluster Geo { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Geo = await GeoCluster.StartAsync(new GeoClusterOptions
    {
        ClockSkew = new Dictionary<string, TimeSpan> { [South] = TimeSpan.FromSeconds(5) },
        Settings = new Dictionary<string, string?> { ["GeoStore:LeaderAckTimeout"] = AckTimeout.ToString() },
    });

    /// <summary>A fresh SingleLeader keyspace over all three regions.</summary>
    public async Task<string> KeyspaceAsync(string leader = East, AckMode replication = AckMode.Async, int? semiSyncAcks = null, SemiSyncFallback? fallback = null)
    {
        var name = $"sl-{Guid.NewGuid():N}"[..30];
        await Geo.PutKeyspaceAsync(name, new KeyspacePolicy(
            ReplicationMode.SingleLeader, [East, West, South], Leader: leader, Replication: replication,
            SemiSyncAcks: replication == AckMode.SemiSync ? semiSyncAcks ?? 1 : null, SemiSyncFallback: fallback));
        return name;
    }

    public Task<WriteResult> PutAsync(string region, string keyspace, string key, string value) =>
        Geo.Coordinator(region).Write(new WriteCommand(keyspace, key, Encoding.UTF8.GetBytes(value), "text/plain", WriteCondition.None));

    public Task<ReadResult> GetAsync(string region, string keyspace, string key) =>
        Geo.Coordinator(region).Read(keyspace, key, ReadOptions.Any);

    public static string? Text(ReadResult read) => read.Found ? Encoding.UTF8.GetString(read.Value!.Value!) : null;

    /// <summary>The epoch <paramref name="region"/> holds for the keyspace.</summary>
    public async Task<LeaderEpoch> EpochAtAsync(string region, string keyspace) =>
        (await Geo.In(region).GetGrain<ILeadershipGrain>(LeadershipKey.Format(region, keyspace)).Current()).Epoch;

    /// <summary>Runs a failover from <paramref name="from"/> (an operator on the surviving side).</summary>
    public Task<FailoverReport> FailoverAsync(string keyspace, string? target = null, bool fenced = true, string from = West, bool force = false) =>
        Geo.In(from).GetGrain<IFailoverGrain>(keyspace).Failover(new FailoverRequest(target, fenced, force));

    /// <summary>Cuts <paramref name="region"/> off from both other regions, both ways.</summary>
    public async Task IsolateAsync(string region)
    {
        foreach (var other in Geo.Regions.Where(r => r != region))
        {
            await Geo.CutAsync(region, other);
        }
    }

    public async Task RejoinAsync(string region)
    {
        foreach (var other in Geo.Regions.Where(r => r != region))
        {
            await Geo.HealAsync(region, other);
        }
    }

    public async ValueTask DisposeAsync() => await Geo.DisposeAsync();
}
