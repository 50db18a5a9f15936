using GeoStore.Abstractions.Grains;
using GeoStore.Core.Keyspaces;
using GeoStore.Core.Leadership;
using GeoStore.Grains.Leadership;
using GeoStore.Testing;
using Shouldly;
using static GeoStore.Cluster.Tests.SingleLeader.SingleLeaderFixture;

namespace GeoStore.Cluster.Tests.SingleLeader;

/// <summary>Automatic failover: a majority of regions that miss the leader promote; a minority never does.</summary>
public sealed class AutoFailoverTests(SingleLeaderFixture fixture) : IClassFixture<SingleLeaderFixture>
{
    private const int AfterSeconds = 2;

    private GeoCluster Geo => fixture.Geo;

    private async Task<string> AutoKeyspaceAsync()
    {
        var name = $"auto-{Guid.NewGuid():N}"[..30];
        await Geo.PutKeyspaceAsync(name, new KeyspacePolicy(
            ReplicationMode.SingleLeader, [East, West, South], Leader: East, Replication: AckMode.SemiSync, SemiSyncAcks: 1, AutoFailoverSeconds: AfterSeconds));
        return name;
    }

    private Task<long?> SilenceAsync(string region, string keyspace) =>
        Geo.In(region).GetGrain<ILeadershipGrain>(LeadershipKey.Format(region, keyspace)).SilenceMilliseconds();

    private async Task<LeaderEpoch> CatalogEpochAsync(string keyspace) =>
        (await Geo.Cluster.Client.GetGrain<IKeyspaceCatalogGrain>(Geo.ControlPlaneKey).GetSnapshot()).Find(keyspace)!.Epoch!;

    [Fact]
    public async Task When_a_majority_of_regions_miss_the_leader_a_follower_is_promoted_without_an_operator()
    {
        var keyspace = await AutoKeyspaceAsync();
        await fixture.PutAsync(West, keyspace, "k", "v1");
        await Eventually.HoldsAsync(async () => await SilenceAsync(West, keyspace) is < 1500, "eu-west hears the leader's heartbeat");
        await Eventually.HoldsAsync(async () => await SilenceAsync(South, keyspace) is < 1500, "ap-south hears the leader's heartbeat");

        await fixture.IsolateAsync(East);
        try
        {
            var elapsed = await Eventually.HoldsAsync(async () => (await CatalogEpochAsync(keyspace)).Number >= 2, "a follower is promoted automatically", TimeSpan.FromSeconds(20));

            // Both followers' watches decide; each names the epoch it replaces, so only one promotion
            // happens: epoch 2 stays for twice the failover time after it appeared.
            var promoted = await CatalogEpochAsync(keyspace);
            var held = System.Diagnostics.Stopwatch.StartNew();
            while (held.Elapsed < TimeSpan.FromSeconds(2 * AfterSeconds))
            {
                (await CatalogEpochAsync(keyspace)).ShouldBe(promoted, "exactly one automatic promotion");
                await Task.Delay(TimeSpan.FromMilliseconds(250));
            }

            promoted.Number.ShouldBe(2L);
            promoted.Leader.ShouldBeOneOf(West, South);
            elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(AfterSeconds) - TimeSpan.FromSeconds(1), "not before the configured time (minus the heartbeat interval)");

            // SemiSync(1): the promoted follower is one that received the acknowledged write.
            (await Geo.ReplicaValueAsync(promoted.Leader, keyspace, "k")).ShouldBe("v1");
            var next = await fixture.PutAsync(South, keyspace, "k", "v2");
            (next.Region, next.Leader!.Reach.Epoch.Number).ShouldBe((promoted.Leader, 2L), "writes go on at the new leader, acknowledged by the other follower");
        }
        finally
        {
            await fixture.RejoinAsync(East);
        }

        await Eventually.HoldsAsync(async () => (await fixture.EpochAtAsync(East, keyspace)).Number == 2, "the old leader follows epoch 2 after the heal");
    }

    [Fact]
    public async Task A_follower_cut_off_alone_never_promotes_itself()
    {
        var keyspace = await AutoKeyspaceAsync();
        await fixture.PutAsync(East, keyspace, "k", "v1");
        await Eventually.HoldsAsync(async () => await SilenceAsync(South, keyspace) is < 1500, "ap-south hears the leader's heartbeat");

        // ap-south alone is a minority (1 of 3): it misses the leader, eu-west does not.
        await fixture.IsolateAsync(South);
        try
        {
            await Eventually.HoldsAsync(async () => await SilenceAsync(South, keyspace) > 3 * AfterSeconds * 1000,
                "ap-south has missed the leader for three times the failover time", TimeSpan.FromSeconds(20));
            var watch = await Geo.In(South).GetGrain<ILeadershipGrain>(LeadershipKey.Format(South, keyspace)).Current();
            watch.AutoFailover.ShouldNotBeNull("ap-south's watch decided").ShouldContain("a minority cannot promote");
            (await CatalogEpochAsync(keyspace)).ShouldBe(LeaderEpoch.First(East), "one region of three can never promote");
            (await SilenceAsync(West, keyspace)).ShouldNotBeNull().ShouldBeLessThan(AfterSeconds * 1000, "eu-west still hears the leader");
        }
        finally
        {
            await fixture.RejoinAsync(South);
        }
    }
}
