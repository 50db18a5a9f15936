using System.Text;
using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Core.Clocks;
using GeoStore.Core.Replication;
using GeoStore.Core.Versioning;
using GeoStore.Testing;
using Shouldly;
using static GeoStore.Cluster.Tests.Leaderless.LeaderlessFixture;

namespace GeoStore.Cluster.Tests.Leaderless;

/// <summary>Sloppy quorums: a hint held for an unreachable replica counts towards W and is delivered after heal.</summary>
public sealed class HintedHandoffTests(LeaderlessFixture fixture) : IClassFixture<LeaderlessFixture>
{
    private GeoCluster Geo => fixture.Geo;

    private async Task<long> PendingFor(string region, string target) =>
        (await Geo.In(region).GetGrain<IHintsGrain>(region).GetBacklog()).Single(b => b.Target == target).Pending;

    [Fact]
    public async Task A_sloppy_write_holds_a_hint_for_the_cut_replica_counts_it_and_delivers_it_after_heal()
    {
        var keyspace = await fixture.KeyspaceAsync(w: 3, r: 1, sloppy: true);
        var before = await PendingFor(East, South);
        await Geo.CutAsync(East, South);
        try
        {
            var written = await Geo.Coordinator(East).Write(new WriteCommand(keyspace, "k", Encoding.UTF8.GetBytes("hinted"), "text/plain", WriteCondition.None));
            written.Status.ShouldBe(WriteStatus.Applied, "W=3 is met by two acks and a hint in a sloppy keyspace");
            written.Quorum!.Acked.ShouldBe([East, West], ignoreOrder: true);
            written.Quorum.Hinted.ShouldBe([South]);
            (await PendingFor(East, South)).ShouldBe(before + 1);
            (await Geo.ReplicaValueAsync(South, keyspace, "k")).ShouldBeNull("the hint waits while the link is cut");
        }
        finally
        {
            await Geo.HealAsync(East, South);
        }

        await Eventually.HoldsAsync(async () => await Geo.ReplicaValueAsync(South, keyspace, "k") == "hinted", "the hint reaches ap-south after heal");
        await Eventually.HoldsAsync(async () => await PendingFor(East, South) == before, "the delivered hint is dropped");
    }

    [Fact]
    public async Task A_hint_older_than_the_tombstone_grace_is_dropped_not_delivered()
    {
        var keyspace = await fixture.KeyspaceAsync(w: 2, r: 1, sloppy: true);
        var before = await PendingFor(West, South);
        var twoHoursAgo = DateTimeOffset.UtcNow.AddHours(-2).ToUnixTimeMilliseconds();
        var stale = new VersionedValue(new WriteVersion(new HybridTimestamp(twoHoursAgo, 0), West), Encoding.UTF8.GetBytes("ancient"), "text/plain");
        await Geo.CutAsync(West, South);
        try
        {
            await Geo.In(West).GetGrain<IHintsGrain>(West).Hold(South, new LogEntry(0, West, keyspace, "k", stale));
            (await PendingFor(West, South)).ShouldBe(before + 1);
        }
        finally
        {
            await Geo.HealAsync(West, South);
        }

        // Past the grace a purged tombstone could be resurrected by it: it is dropped, and anti-entropy repairs the target instead.
        await Eventually.HoldsAsync(async () => await PendingFor(West, South) == before, "the expired hint leaves the backlog");
        (await Geo.ReplicaValueAsync(South, keyspace, "k")).ShouldBeNull();
    }
}
