using GeoStore.Abstractions.Errors;
using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Core.Leadership;
using GeoStore.Core.Resolution;
using GeoStore.Grains.Leadership;
using GeoStore.Grains.Registers;
using GeoStore.Testing;
using Shouldly;
using static GeoStore.Cluster.Tests.SingleLeader.SingleLeaderFixture;

namespace GeoStore.Cluster.Tests.SingleLeader;

/// <summary>Failover with epochs, fencing in every path, the zombie leader's orphaned writes, and the unsafe split brain.</summary>
public sealed class FailoverTests(SingleLeaderFixture fixture) : IClassFixture<SingleLeaderFixture>
{
    private GeoCluster Geo => fixture.Geo;

    /// <summary>The orphaned writes, once each (the deposed leader and every follower that fenced one record it).</summary>
    private async Task<IReadOnlyList<ConflictRecord>> OrphansAsync(string keyspace) =>
        [.. (await Geo.ConflictsAsync(keyspace)).Where(c => c.Kind == ConflictKind.Orphaned).DistinctBy(c => (c.Key, c.Losers.Single().Version))];

    [Fact]
    public async Task Auto_failover_promotes_the_most_up_to_date_reachable_follower_and_raises_the_epoch()
    {
        var keyspace = await fixture.KeyspaceAsync(replication: AckMode.Async);
        await fixture.PutAsync(East, keyspace, "a", "1");
        await Eventually.HoldsAsync(async () => await Geo.ReplicaValueAsync(South, keyspace, "a") == "1", "ap-south applies a");

        // ap-south stops receiving; eu-west gets two more writes; then the leader goes away.
        await Geo.CutAsync(East, South);
        await fixture.PutAsync(East, keyspace, "b", "2");
        await fixture.PutAsync(East, keyspace, "c", "3");
        await Eventually.HoldsAsync(async () => await Geo.ReplicaValueAsync(West, keyspace, "c") == "3", "eu-west applies c");
        await fixture.IsolateAsync(East);
        try
        {
            var report = await fixture.FailoverAsync(keyspace);
            report.From.ShouldBe(LeaderEpoch.First(East));
            report.To.ShouldBe(new LeaderEpoch(2, West), "eu-west received more than ap-south");
            report.Candidates.Single(c => c.Region == West).ReceivedTotal.ShouldBeGreaterThan(report.Candidates.Single(c => c.Region == South).ReceivedTotal);
            report.Informed.ShouldBe([West, South], ignoreOrder: true);

            (await fixture.EpochAtAsync(West, keyspace)).ShouldBe(new LeaderEpoch(2, West));
            (await fixture.EpochAtAsync(East, keyspace)).ShouldBe(LeaderEpoch.First(East), "the cut-off leader has not heard");
            (await Geo.Cluster.Client.GetGrain<IKeyspaceCatalogGrain>(Geo.ControlPlaneKey).GetSnapshot()).Find(keyspace)!.Epoch.ShouldBe(new LeaderEpoch(2, West));

            // Writes from ap-south now go to eu-west, under epoch 2.
            var written = await fixture.PutAsync(South, keyspace, "d", "4");
            (written.Region, written.Leader!.Reach.Epoch.Number).ShouldBe((West, 2L));
        }
        finally
        {
            await fixture.RejoinAsync(East);
        }

        // Healed: the old leader hears of epoch 2 and follows; every region converges.
        await Eventually.HoldsAsync(async () => (await fixture.EpochAtAsync(East, keyspace)).Number == 2, "us-east learns epoch 2");
        foreach (var region in Geo.Regions)
        {
            await Eventually.HoldsAsync(async () => await Geo.ReplicaValueAsync(region, keyspace, "d") == "4", $"{region} applies d");
            await Eventually.HoldsAsync(async () => await Geo.ReplicaValueAsync(region, keyspace, "c") == "3", $"{region} holds c");
        }
    }

    [Fact]
    public async Task The_zombie_leaders_unreplicated_writes_are_fenced_and_moved_to_the_orphaned_writes_log()
    {
        var keyspace = await fixture.KeyspaceAsync(replication: AckMode.Async);
        await fixture.PutAsync(East, keyspace, "k", "before");
        await Eventually.HoldsAsync(async () => await Geo.ReplicaValueAsync(West, keyspace, "k") == "before", "eu-west applies it");

        await fixture.IsolateAsync(East);
        WriteResult zombie;
        try
        {
            await fixture.FailoverAsync(keyspace, target: West);

            // Split by the WAN, us-east still believes it leads: Async acknowledges its write locally.
            zombie = await fixture.PutAsync(East, keyspace, "k", "zombie");
            zombie.Leader!.Reach.Epoch.ShouldBe(LeaderEpoch.First(East));
            await fixture.PutAsync(East, keyspace, "only-zombie", "lost?");

            var fresh = await fixture.PutAsync(West, keyspace, "k", "new-leader");
            fresh.Leader!.Reach.Epoch.ShouldBe(new LeaderEpoch(2, West));
        }
        finally
        {
            await fixture.RejoinAsync(East);
        }

        // Healed: the zombie learns it was deposed, its epoch-1 entries are rejected by the others,
        // and its writes the new leader never had go to the orphaned-writes log, not silently away.
        await Eventually.HoldsAsync(async () => (await OrphansAsync(keyspace)).Count == 2, "both zombie writes are in the orphan log");
        var orphans = await OrphansAsync(keyspace);
        orphans.ShouldAllBe(o => o.Region == East && o.Resolver == "fencing");
        orphans.Single(o => o.Key == "k").Losers.Single().Version.ShouldBe(zombie.Version!);
        foreach (var region in Geo.Regions)
        {
            await Eventually.HoldsAsync(async () => await Geo.ReplicaValueAsync(region, keyspace, "k") == "new-leader", $"{region} serves the new leader's value");
            await Eventually.HoldsAsync(async () => await Geo.ReplicaValueAsync(region, keyspace, "only-zombie") is null, $"{region} does not serve the orphan");
        }

        // Now that it knows, us-east forwards writes to the new leader instead of taking them.
        (await fixture.PutAsync(East, keyspace, "k", "after")).Region.ShouldBe(West);
    }

    [Fact]
    public async Task Fencing_rejects_a_stale_epoch_in_every_path()
    {
        var keyspace = await fixture.KeyspaceAsync();
        await fixture.PutAsync(East, keyspace, "k", "v1");
        await fixture.FailoverAsync(keyspace, target: South);
        await Eventually.HoldsAsync(async () => (await fixture.EpochAtAsync(East, keyspace)).Number == 2, "us-east learns epoch 2");

        // A write reaching the deposed leader's register directly.
        var register = Geo.In(East).GetGrain<IRegisterGrain>(RegisterKey.Format(East, keyspace, "k"));
        var fenced = await Should.ThrowAsync<FencedException>(() => register.Write(new WriteCommand(keyspace, "k", [1], "text/plain", WriteCondition.None)));
        fenced.Current.ShouldBe(new LeaderEpoch(2, South));

        // An announcement of the old epoch.
        var decision = await Geo.In(West).GetGrain<ILeadershipGrain>(LeadershipKey.Format(West, keyspace)).Observe(LeaderEpoch.First(East), unfenced: false);
        decision.Verdict.ShouldBe(FencingVerdict.RejectStale);
        decision.Current.ShouldBe(new LeaderEpoch(2, South));

        // A replicated entry of the old epoch: skipped by the storage layer of the register too.
        var old = new Core.Replication.LogEntry(1, East, keyspace, "k", new Core.Versioning.VersionedValue(
            new Core.Versioning.WriteVersion(new Core.Clocks.HybridTimestamp(long.MaxValue / 2, 0), East), [9], "text/plain"), 1, Epoch: LeaderEpoch.First(East));
        await fixture.PutAsync(South, keyspace, "k", "v2");
        await Eventually.HoldsAsync(async () => await Geo.ReplicaValueAsync(West, keyspace, "k") == "v2", "eu-west applies v2");
        (await Geo.In(West).GetGrain<IRegisterGrain>(RegisterKey.Format(West, keyspace, "k")).ApplyReplicated(old)).ShouldBeFalse("an entry of epoch 1 never replaces an epoch-2 value, whatever its clock says");
        (await Geo.ReplicaValueAsync(West, keyspace, "k")).ShouldBe("v2");

        // And a second failover that chose against the old epoch loses the compare-and-set.
        var catalog = Geo.Cluster.Client.GetGrain<IKeyspaceCatalogGrain>(Geo.ControlPlaneKey);
        await Should.ThrowAsync<FailoverConflictException>(() => catalog.Promote(keyspace, LeaderEpoch.First(East), West, new EpochFork(LeaderEpoch.First(East), []), fenced: true));
    }

    [Fact]
    public async Task An_unfenced_promotion_lets_two_leaders_take_writes_and_one_acknowledged_write_vanishes_without_a_trace()
    {
        var keyspace = await fixture.KeyspaceAsync();
        await fixture.PutAsync(East, keyspace, "k", "start");
        await Eventually.HoldsAsync(async () => await Geo.ReplicaValueAsync(West, keyspace, "k") == "start", "eu-west applies it");

        await fixture.IsolateAsync(East);
        try
        {
            var report = await fixture.FailoverAsync(keyspace, target: West, fenced: false);
            report.To.Number.ShouldBe(1, "no new epoch: nothing fences the old leader");
            report.Warnings.ShouldContain(w => w.StartsWith("UNSAFE", StringComparison.Ordinal));

            // Split brain: both regions lead epoch 1 and acknowledge conflicting writes.
            var east = await fixture.PutAsync(East, keyspace, "k", "east-says");
            var west = await fixture.PutAsync(West, keyspace, "k", "west-says");
            (east.Region, west.Region).ShouldBe((East, West));
            (await Geo.ReplicaValueAsync(East, keyspace, "k")).ShouldBe("east-says");
            (await Geo.ReplicaValueAsync(West, keyspace, "k")).ShouldBe("west-says");
        }
        finally
        {
            await fixture.RejoinAsync(East);
        }

        // Healed: the clocks pick one; the other acknowledged write is gone and nothing records it.
        await Eventually.HoldsAsync(
            async () => (await Task.WhenAll(Geo.Regions.Select(r => Geo.ReplicaValueAsync(r, keyspace, "k")))).Distinct().Count() == 1,
            "the regions settle on one value");
        var survivor = await Geo.ReplicaValueAsync(South, keyspace, "k");
        survivor.ShouldBeOneOf("east-says", "west-says");
        (await OrphansAsync(keyspace)).ShouldBeEmpty("without fencing no one knows a write was lost");
    }
}
