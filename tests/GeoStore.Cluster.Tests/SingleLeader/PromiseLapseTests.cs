using GeoStore.Abstractions.Grains;
using GeoStore.Core.Keyspaces;
using GeoStore.Core.Leadership;
using GeoStore.Grains.Leadership;
using GeoStore.Testing;
using Shouldly;
using static GeoStore.Cluster.Tests.SingleLeader.SingleLeaderFixture;

namespace GeoStore.Cluster.Tests.SingleLeader;

/// <summary>
/// A failover that prepared the followers and then died (its caller crashed, say) must not stall
/// replication for good: the promise lapses after its lifetime, once the catalog shows no
/// promotion, and the held entries flow again. Its own cluster, with a 4 s lifetime.
/// </summary>
public sealed class PromiseLapseTests : IAsyncLifetime
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(4);

    private GeoCluster _geo = null!;

    public async ValueTask InitializeAsync() => _geo = await GeoCluster.StartAsync(new GeoClusterOptions
    {
        Settings = new Dictionary<string, string?> { ["GeoStore:FailoverPromiseLifetime"] = Lifetime.ToString() },
    });

    public async ValueTask DisposeAsync() => await _geo.DisposeAsync();

    [Fact]
    public async Task Entries_held_for_a_failover_that_never_promoted_flow_again_once_the_promise_lapses()
    {
        var keyspace = $"lapse-{Guid.NewGuid():N}"[..30];
        await _geo.PutKeyspaceAsync(keyspace, new KeyspacePolicy(ReplicationMode.SingleLeader, [East, West, South], Leader: East, Replication: AckMode.Async));
        var west = _geo.In(West).GetGrain<ILeadershipGrain>(LeadershipKey.Format(West, keyspace));

        // A failover prepares eu-west, then is never heard of again.
        var sincePrepare = System.Diagnostics.Stopwatch.StartNew();
        (await west.Prepare(LeaderEpoch.First(East), Guid.NewGuid())).Epoch.ShouldBe(LeaderEpoch.First(East));
        await _geo.PutAsync(East, keyspace, "k", "held");
        await Eventually.HoldsAsync(async () => await _geo.ReplicaValueAsync(South, keyspace, "k") == "held", "ap-south, not prepared, applies k");
        (await _geo.ReplicaValueAsync(West, keyspace, "k")).ShouldBeNull("eu-west holds k while its promise lasts");

        await Eventually.HoldsAsync(async () => await _geo.ReplicaValueAsync(West, keyspace, "k") == "held",
            "eu-west applies k once the promise lapsed", Lifetime * 4);
        sincePrepare.Elapsed.ShouldBeGreaterThan(Lifetime - TimeSpan.FromMilliseconds(50), "not before the promise lapsed");
        (await west.Current()).Epoch.ShouldBe(LeaderEpoch.First(East), "no promotion happened");
    }
}
