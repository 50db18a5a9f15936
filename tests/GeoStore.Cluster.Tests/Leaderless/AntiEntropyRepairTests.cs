using System.Text;
using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Testing;
using Shouldly;
using static GeoStore.Cluster.Tests.Leaderless.LeaderlessFixture;

namespace GeoStore.Cluster.Tests.Leaderless;

/// <summary>Quorum writes that bypassed a cut region are found and repaired by an anti-entropy round, not by reads.</summary>
public sealed class AntiEntropyRepairTests(LeaderlessFixture fixture) : IClassFixture<LeaderlessFixture>
{
    private GeoCluster Geo => fixture.Geo;

    [Fact]
    public async Task A_round_repairs_every_key_quorum_writes_left_behind_on_a_cut_region_and_reports_their_count()
    {
        var keyspace = await fixture.KeyspaceAsync(w: 2, r: 2);
        var keys = Enumerable.Range(0, 25).Select(i => $"user/{i}").ToArray();
        foreach (var key in keys.Take(5))
        {
            await Geo.Coordinator(East).Write(new WriteCommand(keyspace, key, Encoding.UTF8.GetBytes("before"), "text/plain", WriteCondition.None, W: 3));
        }

        await Geo.CutAsync(East, South);
        try
        {
            foreach (var key in keys)
            {
                var written = await Geo.Coordinator(East).Write(new WriteCommand(keyspace, key, Encoding.UTF8.GetBytes($"after:{key}"), "text/plain", WriteCondition.None));
                written.Quorum!.Acked.ShouldNotContain(South);
            }
        }
        finally
        {
            await Geo.HealAsync(East, South);
        }

        (await Geo.ReplicaValueAsync(South, keyspace, keys[0])).ShouldBe("before", "ap-south missed the overwrite");
        (await Geo.ReplicaValueAsync(South, keyspace, keys[^1])).ShouldBeNull("ap-south missed the new key");

        var report = await Geo.In(South).GetGrain<IAntiEntropyGrain>($"{South}/{keyspace}").Repair();

        report.Succeeded.ShouldBeTrue(string.Join("; ", report.Peers.Select(p => p.Error)));
        report.Peers.Single(p => p.Peer == East).KeysRepaired.ShouldBe(keys.Length, "every key ap-south missed, and no other");
        foreach (var key in keys)
        {
            (await Geo.ReplicaValueAsync(South, keyspace, key)).ShouldBe($"after:{key}");
        }

        (await Geo.In(South).GetGrain<IAntiEntropyGrain>($"{South}/{keyspace}").Repair()).KeysRepaired.ShouldBe(0, "a second round finds nothing to repair");
    }
}
