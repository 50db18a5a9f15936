using GeoStore.Abstractions.Errors;
using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Core.Keyspaces;
using GeoStore.Core.Leadership;
using GeoStore.Core.Resolution;
using GeoStore.Core.Wan;
using GeoStore.Grains.Leadership;
using GeoStore.Grains.Replication;
using GeoStore.Testing;
using Shouldly;
using static GeoStore.Cluster.Tests.SingleLeader.SingleLeaderFixture;

namespace GeoStore.Cluster.Tests.SingleLeader;

/// <summary>
/// The failover findings of the issue-7 review (docs/reviews/issue-7-single-leader-review.md), each
/// a property the failover must keep: prepared followers take nothing more of the old epoch, forks of
/// every deposed epoch are kept, a minority side never promotes a SemiSync keyspace unforced, every
/// replica gives up an orphan it applied, and a reachable leader is never deposed automatically.
/// </summary>
public sealed class FailoverSafetyTests(SingleLeaderFixture fixture) : IClassFixture<SingleLeaderFixture>
{
    private GeoCluster Geo => fixture.Geo;

    private IKeyspaceCatalogGrain Catalog => Geo.Cluster.Client.GetGrain<IKeyspaceCatalogGrain>(Geo.ControlPlaneKey);

    private ILeadershipGrain Leadership(string region, string keyspace) =>
        Geo.In(region).GetGrain<ILeadershipGrain>(LeadershipKey.Format(region, keyspace));

    private async Task<IReadOnlyList<ConflictRecord>> OrphansAsync(string keyspace) =>
        [.. (await Geo.ConflictsAsync(keyspace)).Where(c => c.Kind == ConflictKind.Orphaned)];

    private async Task<string> KeyspaceWithBaseAsync(AckMode replication, int? semiSyncAcks = null)
    {
        var keyspace = await fixture.KeyspaceAsync(replication: replication, semiSyncAcks: semiSyncAcks);
        await fixture.PutAsync(East, keyspace, "base", "0");
        foreach (var region in Geo.Regions)
        {
            await Eventually.HoldsAsync(async () => await Geo.ReplicaValueAsync(region, keyspace, "base") == "0", $"{region} has base");
        }

        return keyspace;
    }

    private Task ConvergedAsync(string keyspace, string key, string? value) =>
        Eventually.HoldsAsync(
            async () => (await Task.WhenAll(Geo.Regions.Select(r => Geo.ReplicaValueAsync(r, keyspace, key)))).All(v => v == value),
            $"every replica of {key} holds {value ?? "nothing"}", TimeSpan.FromSeconds(20));

    /// <summary>
    /// Nothing is cut and the leader region is up, but nothing has written since the keyspace was
    /// made: the leader's heartbeat must still run, so no follower misses it.
    /// </summary>
    [Fact]
    public async Task A_healthy_idle_leader_is_not_deposed_by_automatic_failover()
    {
        var keyspace = $"idle-{Guid.NewGuid():N}"[..30];
        await Geo.PutKeyspaceAsync(keyspace, new KeyspacePolicy(
            ReplicationMode.SingleLeader, [East, West, South], Leader: East, Replication: AckMode.SemiSync, SemiSyncAcks: 1, AutoFailoverSeconds: 2));

        // The followers watch without any traffic; the leader heartbeats without any either.
        await Eventually.HoldsAsync(async () => await Leadership(West, keyspace).SilenceMilliseconds() is < 1500, "eu-west hears the idle leader");
        await Eventually.HoldsAsync(async () => await Leadership(South, keyspace).SilenceMilliseconds() is < 1500, "ap-south hears the idle leader");

        // Four times the failover time, with both followers watching: still epoch 1.
        var watched = System.Diagnostics.Stopwatch.StartNew();
        while (watched.Elapsed < TimeSpan.FromSeconds(8))
        {
            (await Catalog.GetSnapshot()).Find(keyspace)!.Epoch.ShouldBe(LeaderEpoch.First(East), "no region was cut off and the leader is up");
            (await Leadership(South, keyspace).SilenceMilliseconds()).ShouldNotBeNull().ShouldBeLessThan(2000, "ap-south keeps hearing the leader");
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }

    /// <summary>
    /// A follower that answered a failover's prepare takes no more entries of the old epoch: a write
    /// the old leader acknowledges meanwhile (Async) is held there, not applied, so the fork the
    /// promotion records is exactly what the new leader has. After the promotion that write is an
    /// orphan everywhere: recorded once, and given up by the follower that had applied it.
    /// </summary>
    [Fact]
    public async Task A_prepared_follower_takes_no_more_of_the_old_epoch_and_the_replicas_converge_on_the_new_leader()
    {
        var keyspace = await KeyspaceWithBaseAsync(AckMode.Async);
        var epoch1 = LeaderEpoch.First(East);
        var ballot = Guid.NewGuid();

        var standing = await Leadership(West, keyspace).Prepare(epoch1, ballot);
        standing.Epoch.ShouldBe(epoch1);

        // The old leader still writes; ap-south (unprepared) applies it, eu-west holds it.
        await fixture.PutAsync(East, keyspace, "k", "late");
        await Eventually.HoldsAsync(async () => await Geo.ReplicaValueAsync(South, keyspace, "k") == "late", "ap-south applies k");
        var held = Geo.In(West).GetGrain<IReplicationInboxGrain>(ReplicationKeys.Inbox(West, East, ShardOf(keyspace, "k")));
        await Eventually.HoldsAsync(async () => (await held.GetProgress()).EntriesBehind > 0, "eu-west has been offered k");
        (await Geo.ReplicaValueAsync(West, keyspace, "k")).ShouldBeNull("eu-west promised to take nothing more of epoch 1");
        (await Leadership(West, keyspace).Standing()).ReceivedThrough.ShouldBe(standing.ReceivedThrough);

        // The promotion FailoverGrain makes with that standing.
        var epoch2 = new LeaderEpoch(2, West);
        await Catalog.Promote(keyspace, epoch1, West, new EpochFork(epoch1, standing.ReceivedThrough), fenced: true);
        await Leadership(West, keyspace).Observe(epoch2, unfenced: false);

        await ConvergedAsync(keyspace, "k", null);
        await Eventually.HoldsAsync(async () => (await OrphansAsync(keyspace)).Any(o => o.Key == "k"), "k is in the orphan log");
        await Eventually.HoldsAsync(async () => (await fixture.EpochAtAsync(South, keyspace)).Equals(epoch2), "ap-south follows epoch 2");
    }

    /// <summary>
    /// SemiSync(1) write k reaches eu-west only; failover to eu-west (epoch 2, holds k), then back to
    /// us-east (epoch 3). ap-south, hearing us-east's epoch-1 log only now, judges k by epoch 1's own
    /// fork (kept although epoch 2's came after): k is history, not an orphan. Any later promotion keeps it.
    /// </summary>
    [Fact]
    public async Task An_acknowledged_SemiSync_write_survives_two_failovers_that_each_promoted_a_holder()
    {
        var keyspace = await KeyspaceWithBaseAsync(AckMode.SemiSync, semiSyncAcks: 1);

        await Geo.CutAsync(East, South);
        WriteResult acked;
        try
        {
            acked = await fixture.PutAsync(East, keyspace, "k", "acked");
            acked.Leader!.Reach.Received.ShouldBe([West]);

            (await fixture.FailoverAsync(keyspace, target: West, from: West)).To.ShouldBe(new LeaderEpoch(2, West));
            await Eventually.HoldsAsync(async () => (await fixture.EpochAtAsync(East, keyspace)).Number == 2, "us-east learns epoch 2");
            (await fixture.FailoverAsync(keyspace, target: East, from: West)).To.ShouldBe(new LeaderEpoch(3, East));
            (await Geo.ReplicaValueAsync(East, keyspace, "k")).ShouldBe("acked");
        }
        finally
        {
            await Geo.HealAsync(East, South);
        }

        var definition = (await Catalog.GetSnapshot()).Find(keyspace)!;
        definition.ForkOf(LeaderEpoch.First(East)).ShouldNotBeNull("epoch 1's fork is kept after epoch 2's");
        await Eventually.HoldsAsync(async () => await Geo.ReplicaValueAsync(South, keyspace, "k") == "acked", "ap-south takes k from us-east's epoch-1 log");

        var report = await fixture.FailoverAsync(keyspace, from: South);
        (await Geo.ReplicaValueAsync(report.To.Leader, keyspace, "k")).ShouldBe("acked",
            $"the acknowledged SemiSync write must survive; auto promoted {report.To.Leader} ({string.Join(", ", report.Candidates.Select(c => $"{c.Region}={c.ReceivedTotal}"))})");
        (await OrphansAsync(keyspace)).ShouldBeEmpty();
    }

    /// <summary>
    /// eu-west is cut off alone (the minority). SemiSync(1): a write us-east acknowledges through
    /// ap-south alone may exist that eu-west never saw, so a failover run there, reaching only eu-west,
    /// is refused; us-east goes on acknowledging writes, and none is lost.
    /// </summary>
    [Fact]
    public async Task A_SemiSync_failover_that_reaches_too_few_followers_is_refused_and_the_old_leaders_writes_survive()
    {
        var keyspace = await KeyspaceWithBaseAsync(AckMode.SemiSync, semiSyncAcks: 1);

        await Geo.CutAsync(East, West);
        await Geo.CutAsync(West, South);
        WriteResult write;
        try
        {
            var refused = await Should.ThrowAsync<FailoverRefusedException>(() => fixture.FailoverAsync(keyspace, from: West));
            refused.Kind.ShouldBe(FailoverRefusalKind.TooFewPrepared);
            refused.Forcible.ShouldBeTrue();

            // eu-west released its promise: nothing holds us-east's writes back.
            write = await fixture.PutAsync(East, keyspace, "k", "after-refusal");
            write.Leader!.Reach.IsAcknowledged.ShouldBeTrue();
            write.Leader.Reach.Epoch.ShouldBe(LeaderEpoch.First(East));
        }
        finally
        {
            await Geo.HealAsync(East, West);
            await Geo.HealAsync(West, South);
        }

        (await Catalog.GetSnapshot()).Find(keyspace)!.Epoch.ShouldBe(LeaderEpoch.First(East));
        await ConvergedAsync(keyspace, "k", "after-refusal");
    }

    /// <summary>
    /// The same partition, forced: eu-west leads epoch 2 while us-east, the zombie, still reaches
    /// ap-south, which applies (and acknowledges) its write. After the heal every replica gives the
    /// write up for the new leader's state, and the orphan log has it.
    /// </summary>
    [Fact]
    public async Task Replicas_converge_after_a_zombie_write_a_follower_applied()
    {
        var keyspace = await KeyspaceWithBaseAsync(AckMode.SemiSync, semiSyncAcks: 1);

        await Geo.CutAsync(East, West);
        await Geo.CutAsync(West, South);
        try
        {
            var report = await fixture.FailoverAsync(keyspace, from: West, force: true);
            report.To.ShouldBe(new LeaderEpoch(2, West));
            report.Warnings.ShouldContain(w => w.StartsWith("FORCED: ", StringComparison.Ordinal));

            var zombie = await fixture.PutAsync(East, keyspace, "k", "zombie");
            zombie.Leader!.Reach.Received.ShouldBe([South]);
            (await Geo.ReplicaValueAsync(South, keyspace, "k")).ShouldBe("zombie");
        }
        finally
        {
            await Geo.HealAsync(East, West);
            await Geo.HealAsync(West, South);
        }

        await ConvergedAsync(keyspace, "k", null);
        await Eventually.HoldsAsync(async () => (await OrphansAsync(keyspace)).Any(o => o.Key == "k" && o.Losers.Single().Version.Region == East), "the zombie write is in the orphan log");
    }

    /// <summary>
    /// One slow link (1.5 s each way to ap-south; nothing is cut): heartbeats to eu-west keep their
    /// pace, so eu-west never misses the leader, and no majority ever forms against a reachable leader.
    /// </summary>
    [Fact]
    public async Task One_slow_follower_link_does_not_depose_a_reachable_leader()
    {
        var keyspace = $"slow-{Guid.NewGuid():N}"[..30];
        await Geo.PutKeyspaceAsync(keyspace, new KeyspacePolicy(
            ReplicationMode.SingleLeader, [East, West, South], Leader: East, Replication: AckMode.Async, AutoFailoverSeconds: 2));
        await fixture.PutAsync(East, keyspace, "k", "v");
        await Eventually.HoldsAsync(async () => await Leadership(West, keyspace).SilenceMilliseconds() is < 1500, "eu-west hears the leader");

        await Geo.SetLinkAsync(East, South, new WanLink(LatencyMs: 1500));
        await Geo.SetLinkAsync(South, East, new WanLink(LatencyMs: 1500));
        try
        {
            var watched = System.Diagnostics.Stopwatch.StartNew();
            while (watched.Elapsed < TimeSpan.FromSeconds(12))
            {
                (await Catalog.GetSnapshot()).Find(keyspace)!.Epoch.ShouldBe(LeaderEpoch.First(East), "every region still reaches the leader");
                (await Leadership(West, keyspace).SilenceMilliseconds()).ShouldNotBeNull().ShouldBeLessThan(1900, "eu-west's heartbeat is not held up by ap-south's link");
                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }
        }
        finally
        {
            await Geo.SetLinkAsync(East, South, WanLink.Healthy);
            await Geo.SetLinkAsync(South, East, WanLink.Healthy);
        }
    }

    /// <summary>
    /// ap-south lagged eu-west when us-east was cut off for good: after eu-west's promotion, ap-south
    /// gets from eu-west what us-east can no longer send.
    /// </summary>
    [Fact]
    public async Task A_follower_that_lagged_the_promoted_one_converges_though_the_old_leader_never_returns()
    {
        var keyspace = await KeyspaceWithBaseAsync(AckMode.Async);

        await Geo.CutAsync(East, South);
        try
        {
            await fixture.PutAsync(East, keyspace, "k", "v");
            await Eventually.HoldsAsync(async () => await Geo.ReplicaValueAsync(West, keyspace, "k") == "v", "eu-west has k");
            await Geo.CutAsync(East, West);

            (await fixture.FailoverAsync(keyspace, from: West)).To.ShouldBe(new LeaderEpoch(2, West));
            await Eventually.HoldsAsync(async () => await Geo.ReplicaValueAsync(South, keyspace, "k") == "v",
                "ap-south takes k from the new leader, us-east being cut off", TimeSpan.FromSeconds(20));
        }
        finally
        {
            await Geo.HealAsync(East, South);
            await Geo.HealAsync(East, West);
        }

        await ConvergedAsync(keyspace, "k", "v");
    }

    /// <summary>
    /// ap-south had received a write eu-west never did when us-east was cut off for good; an operator
    /// promotes eu-west (Async allows it, with a warning). ap-south gives the write up for eu-west's
    /// state and it is recorded as orphaned, though us-east never ships it to anyone again.
    /// </summary>
    [Fact]
    public async Task A_follower_that_received_more_than_the_promoted_one_gives_it_up_as_an_orphan()
    {
        var keyspace = await KeyspaceWithBaseAsync(AckMode.Async);

        await Geo.CutAsync(East, West);
        try
        {
            await fixture.PutAsync(East, keyspace, "k", "only-south");
            await Eventually.HoldsAsync(async () => await Geo.ReplicaValueAsync(South, keyspace, "k") == "only-south", "ap-south has k");
            await Geo.CutAsync(East, South);

            var report = await fixture.FailoverAsync(keyspace, target: West, from: West);
            report.To.ShouldBe(new LeaderEpoch(2, West));
            report.Warnings.ShouldContain(w => w.StartsWith("eu-west lacks entries another follower received", StringComparison.Ordinal));
            await Eventually.HoldsAsync(async () => await Geo.ReplicaValueAsync(South, keyspace, "k") is null,
                "ap-south gives up the write the new leader never had", TimeSpan.FromSeconds(20));
            await Eventually.HoldsAsync(async () => (await OrphansAsync(keyspace)).Any(o => o.Key == "k"), "k is in the orphan log");
        }
        finally
        {
            await Geo.HealAsync(East, West);
            await Geo.HealAsync(East, South);
        }

        await ConvergedAsync(keyspace, "k", null);
    }

    /// <summary>A failover that names the epoch it wants replaced does nothing once another replaced it.</summary>
    [Fact]
    public async Task A_failover_against_an_epoch_already_replaced_changes_nothing()
    {
        var keyspace = await KeyspaceWithBaseAsync(AckMode.Async);
        (await fixture.FailoverAsync(keyspace, target: West)).To.ShouldBe(new LeaderEpoch(2, West));

        var stale = Geo.In(South).GetGrain<IFailoverGrain>(keyspace).Failover(new FailoverRequest(null, ExpectedEpoch: 1));
        var conflict = await Should.ThrowAsync<FailoverConflictException>(() => stale);
        conflict.Current.ShouldBe(new LeaderEpoch(2, West));
        (await Catalog.GetSnapshot()).Find(keyspace)!.Epoch.ShouldBe(new LeaderEpoch(2, West));
    }

    private int ShardOf(string keyspace, string key) => Core.Replication.ShardMap.ShardOf(keyspace, key, Geo.Options.LogShards);
}
