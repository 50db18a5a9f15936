using GeoStore.Abstractions.Errors;
using GeoStore.Abstractions.Messages;
using GeoStore.Core.Leadership;
using GeoStore.Core.Wan;
using GeoStore.Testing;
using Shouldly;
using static GeoStore.Cluster.Tests.SingleLeader.SingleLeaderFixture;

namespace GeoStore.Cluster.Tests.SingleLeader;

/// <summary>What SingleLeader writes wait for under Async, SemiSync(k) and Sync, and what followers serve meanwhile.</summary>
public sealed class ReplicationModeTests(SingleLeaderFixture fixture) : IClassFixture<SingleLeaderFixture>
{
    private GeoCluster Geo => fixture.Geo;

    [Fact]
    public async Task Async_acknowledges_at_the_leader_and_a_follower_serves_old_data_until_the_log_arrives()
    {
        var keyspace = await fixture.KeyspaceAsync(replication: AckMode.Async);
        (await fixture.PutAsync(East, keyspace, "k", "v1")).Leader!.Reach.Epoch.ShouldBe(LeaderEpoch.First(East));
        await Eventually.HoldsAsync(async () => SingleLeaderFixture.Text(await fixture.GetAsync(West, keyspace, "k")) == "v1", "eu-west applies v1");

        // The latency slider: 400 ms each way to eu-west. The write is acknowledged before it gets there.
        await Geo.SetLinkAsync(East, West, new WanLink(LatencyMs: 400));
        try
        {
            var written = await fixture.PutAsync(East, keyspace, "k", "v2");
            written.Leader!.Reach.Required.ShouldBe(0);
            written.Leader.Requirement.ShouldBe(AckRequirement.Async);

            var stale = await fixture.GetAsync(West, keyspace, "k");
            SingleLeaderFixture.Text(stale).ShouldBe("v1", "the follower has not received v2 yet: replication lag");
            stale.Region.ShouldBe(West, "a follower serves reads itself");
            stale.Lag!.Epoch.Leader.ShouldBe(East);

            await Eventually.HoldsAsync(async () => SingleLeaderFixture.Text(await fixture.GetAsync(West, keyspace, "k")) == "v2", "eu-west catches up");
            (await fixture.GetAsync(West, keyspace, "k")).Lag!.EntriesBehind.ShouldBe(0);
        }
        finally
        {
            await Geo.SetLinkAsync(East, West, WanLink.Healthy);
        }
    }

    [Fact]
    public async Task A_write_sent_to_a_follower_region_is_forwarded_to_the_leader()
    {
        var keyspace = await fixture.KeyspaceAsync(leader: West);
        var written = await fixture.PutAsync(South, keyspace, "k", "v");
        written.Region.ShouldBe(West, "the leader wrote it");
        written.Leader!.Reach.Epoch.ShouldBe(LeaderEpoch.First(West));
        written.Leader.Reach.Sequence.ShouldBe(written.LogSequence);
    }

    [Fact]
    public async Task A_read_your_writes_session_waits_for_the_follower_to_apply_the_write()
    {
        var keyspace = await fixture.KeyspaceAsync();
        await Geo.SetLinkAsync(East, South, new WanLink(LatencyMs: 300));
        try
        {
            var written = await fixture.PutAsync(East, keyspace, "k", "mine");
            var read = await Geo.Coordinator(South).Read(keyspace, "k", new ReadOptions(written.Version, TimeSpan.FromSeconds(5)));
            SingleLeaderFixture.Text(read).ShouldBe("mine", "the session read waited for ap-south to apply the write");
        }
        finally
        {
            await Geo.SetLinkAsync(East, South, WanLink.Healthy);
        }
    }

    [Fact]
    public async Task Sync_acknowledges_once_every_follower_applied_the_write_and_fails_when_one_is_cut()
    {
        var keyspace = await fixture.KeyspaceAsync(replication: AckMode.Sync);
        var written = await fixture.PutAsync(East, keyspace, "k", "v1");
        written.Leader!.Reach.Applied.ShouldBe([South, West]);
        foreach (var follower in (string[])[West, South])
        {
            (await Geo.ReplicaValueAsync(follower, keyspace, "k")).ShouldBe("v1", $"{follower} applied it before the acknowledgement");
        }

        await Geo.CutAsync(East, South);
        try
        {
            var error = await Should.ThrowAsync<ReplicationNotMetException>(() => fixture.PutAsync(East, keyspace, "k", "v2"));
            error.Reach.Status.ShouldBe(AckStatus.Failed);
            error.Reach.Missing.ShouldBe([South]);
            error.Reach.Applied.ShouldBe([West]);
        }
        finally
        {
            await Geo.HealAsync(East, South);
        }

        // Not acknowledged, but in the leader's log: it still reaches everyone.
        await Eventually.HoldsAsync(async () => await Geo.ReplicaValueAsync(South, keyspace, "k") == "v2", "the unacknowledged write still replicates");
    }

    [Fact]
    public async Task SemiSync_with_one_ack_goes_through_the_reachable_follower_and_fails_or_degrades_when_none_answers()
    {
        var keyspace = await fixture.KeyspaceAsync(replication: AckMode.SemiSync, semiSyncAcks: 1);
        await Geo.CutAsync(East, South);
        try
        {
            var written = await fixture.PutAsync(East, keyspace, "k", "v1");
            written.Leader!.Reach.Status.ShouldBe(AckStatus.Acknowledged);
            written.Leader.Reach.Received.ShouldContain(West);
            written.Leader.Reach.Degraded.ShouldBeFalse();

            await Geo.CutAsync(East, West);
            var error = await Should.ThrowAsync<ReplicationNotMetException>(() => fixture.PutAsync(East, keyspace, "k", "v2"));
            error.Reach.Required.ShouldBe(1);
            error.Reach.Missing.ShouldBe([South, West]);

            var degrading = await fixture.KeyspaceAsync(replication: AckMode.SemiSync, semiSyncAcks: 1, fallback: SemiSyncFallback.Async);
            var degraded = await fixture.PutAsync(East, degrading, "k", "v");
            degraded.Leader!.Reach.Degraded.ShouldBeTrue("acknowledged as Async, and said so");
        }
        finally
        {
            await Geo.HealAsync(East, West);
            await Geo.HealAsync(East, South);
        }
    }
}
