using System.Diagnostics;
using GeoStore.Abstractions.Errors;
using GeoStore.Core.Causality;
using GeoStore.Core.Keyspaces;
using GeoStore.Core.Versioning;
using GeoStore.Testing;
using Orleans.Runtime;
using Shouldly;

namespace GeoStore.Cluster.Tests.AntiEntropy;

/// <summary>
/// Anti-entropy rounds of Leaderless keyspaces: Merkle trees from storage scans find the keys a
/// replica missed, both sides merge, and tombstones go only once every replica holds them.
/// </summary>
public sealed class AntiEntropyTests(AntiEntropyFixture fixture) : IClassFixture<AntiEntropyFixture>
{
    private const string East = "us-east", West = "eu-west", South = "ap-south";

    private GeoCluster Geo => fixture.Geo;

    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    [Fact]
    public async Task A_round_gives_the_replica_that_missed_writes_exactly_those_versions_and_counts_each_divergent_key()
    {
        var keyspace = await Geo.LeaderlessKeyspaceAsync();
        var at = Now;
        var missed = Enumerable.Range(0, 20).ToDictionary(i => $"missed/{i}", i => Replicas.Value(Replicas.Version(at, East, i), $"v{i}"));
        var stale = Enumerable.Range(0, 5).ToDictionary(i => $"stale/{i}", i => Replicas.Value(Replicas.Version(at.AddSeconds(1), West, i), $"new{i}"));
        foreach (var (key, value) in missed)
        {
            // What a W=2 write leaves when the third region was cut off.
            await Geo.ApplyAsync(keyspace, key, value, East, West);
        }

        foreach (var (key, value) in stale)
        {
            await Geo.ApplyAsync(keyspace, key, Replicas.Value(Replicas.Version(at.AddSeconds(-1), South), "old"), East, West, South);
            await Geo.ApplyAsync(keyspace, key, value, East, West);
        }

        for (var i = 0; i < 10; i++)
        {
            await Geo.ApplyAsync(keyspace, $"agreed/{i}", Replicas.Value(Replicas.Version(at, East, i), "same"), East, West, South);
        }

        var report = await Geo.RepairAsync(East, keyspace);

        report.Succeeded.ShouldBeTrue(string.Join("; ", report.Peers.Select(p => p.Error)));
        report.LocalKeys.ShouldBe(35);
        report.Peers.Select(p => p.Peer).ShouldBe([West, South]);
        report.Peers.Single(p => p.Peer == West).KeysRepaired.ShouldBe(0);
        var south = report.Peers.Single(p => p.Peer == South);
        south.KeysRepaired.ShouldBe(25);
        south.KeysCompared.ShouldBeGreaterThanOrEqualTo(25);
        south.RangesDiffering.ShouldBeGreaterThan(0);
        south.NodesExchanged.ShouldBeGreaterThan(0);
        foreach (var (key, value) in missed.Concat(stale))
        {
            (await Geo.ReadAsync(South, keyspace, key)).Value.ShouldNotBeNull().Version.ShouldBe(value.Version, key);
        }
    }

    [Fact]
    public async Task A_second_round_finds_nothing_to_repair()
    {
        var keyspace = await Geo.LeaderlessKeyspaceAsync();
        for (var i = 0; i < 8; i++)
        {
            await Geo.ApplyAsync(keyspace, $"k{i}", Replicas.Value(Replicas.Version(Now, West, i), "x"), West, South);
        }

        (await Geo.RepairAsync(West, keyspace)).KeysRepaired.ShouldBe(8);

        var again = await Geo.RepairAsync(West, keyspace);

        again.KeysRepaired.ShouldBe(0);
        again.Peers.ShouldAllBe(p => p.Succeeded && p.RangesDiffering == 0 && p.KeysCompared == 0);
    }

    [Fact]
    public async Task A_round_run_by_the_replica_that_missed_writes_pulls_them()
    {
        var keyspace = await Geo.LeaderlessKeyspaceAsync();
        var value = Replicas.Value(Replicas.Version(Now, East), "pulled");
        await Geo.ApplyAsync(keyspace, "k", value, East, West);

        var report = await Geo.RepairAsync(South, keyspace);

        // From us-east, the first peer; eu-west then agrees with the repaired replica.
        report.Peers.Select(p => p.KeysRepaired).ShouldBe([1, 0]);
        (await Geo.ReadAsync(South, keyspace, "k")).Value!.Version.ShouldBe(value.Version);
    }

    [Fact]
    public async Task A_round_against_a_cut_peer_fails_fast_for_that_peer_and_still_repairs_the_others()
    {
        var keyspace = await Geo.LeaderlessKeyspaceAsync();
        await Geo.ApplyAsync(keyspace, "k", Replicas.Value(Replicas.Version(Now, East), "x"), East);
        await Geo.ApplyAsync(keyspace, "gone", VersionedValue.Tombstone(Replicas.Version(Now.AddHours(-2), East)), East, West, South);
        await Geo.CutAsync(East, South);
        try
        {
            var clock = Stopwatch.StartNew();
            var report = await Geo.RepairAsync(East, keyspace);
            clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(4));

            report.Succeeded.ShouldBeFalse();
            var south = report.Peers.Single(p => p.Peer == South);
            south.Succeeded.ShouldBeFalse();
            south.Error.ShouldNotBeNull().ShouldContain("'ap-south' is unavailable");
            report.Peers.Single(p => p.Peer == West).ShouldSatisfyAllConditions(p => p.Succeeded.ShouldBeTrue(), p => p.KeysRepaired.ShouldBe(1));

            // A tombstone is purged only in a round that saw every replica.
            report.TombstonesPurged.ShouldBe(0);
            (await Geo.StoredAsync(East, keyspace, "gone")).ShouldNotBeNull();
        }
        finally
        {
            await Geo.HealAsync(East, South);
        }

        var healed = await Geo.RepairAsync(East, keyspace);
        healed.Peers.Single(p => p.Peer == South).KeysRepaired.ShouldBe(1);
        healed.TombstonesPurged.ShouldBe(1);
    }

    [Fact]
    public async Task Multi_value_replicas_converge_to_the_merged_sibling_set()
    {
        var keyspace = await Geo.LeaderlessKeyspaceAsync(ConflictResolver.MultiValue);
        var (milk, milkState) = Replicas.Sibling(East, 1, Replicas.Value(Replicas.Version(Now, East), "milk"));
        var (eggs, eggsState) = Replicas.Sibling(West, 1, Replicas.Value(Replicas.Version(Now, West), "eggs"));
        await Geo.ApplyAsync(keyspace, "cart", milk, milkState, East);
        await Geo.ApplyAsync(keyspace, "cart", eggs, eggsState, West);
        var merged = SiblingSet.Merge(milkState.Siblings!, eggsState.Siblings!);

        var report = await Geo.RepairAsync(East, keyspace);

        report.Peers.Single(p => p.Peer == West).KeysRepaired.ShouldBe(1);
        report.Peers.Single(p => p.Peer == South).KeysRepaired.ShouldBe(1);
        foreach (var region in Geo.Regions)
        {
            (await Geo.ReadAsync(region, keyspace, "cart")).Merged?.Siblings.ShouldBe(merged, region);
        }

        (await Geo.RepairAsync(South, keyspace)).KeysRepaired.ShouldBe(0);
    }

    [Fact]
    public async Task A_tombstone_one_replica_lacks_is_spread_to_it_not_purged_and_the_old_value_never_returns()
    {
        var keyspace = await Geo.LeaderlessKeyspaceAsync();
        var live = Replicas.Value(Replicas.Version(Now.AddHours(-2), South), "old");
        var delete = VersionedValue.Tombstone(Replicas.Version(Now.AddHours(-1), East));
        await Geo.ApplyAsync(keyspace, "k", live, East, West, South);
        await Geo.ApplyAsync(keyspace, "k", delete, East, West);

        var first = await Geo.RepairAsync(South, keyspace);

        first.KeysRepaired.ShouldBe(1);
        first.TombstonesPurged.ShouldBe(0);
        foreach (var region in Geo.Regions)
        {
            (await Geo.ReadAsync(region, keyspace, "k")).Value.ShouldNotBeNull().ShouldSatisfyAllConditions(
                v => v.IsTombstone.ShouldBeTrue(region),
                v => v.Version.ShouldBe(delete.Version, region));
        }

        // Every replica holds it now, long past the grace: the next round purges it everywhere.
        var second = await Geo.RepairAsync(South, keyspace);

        second.TombstonesPurged.ShouldBe(1);
        foreach (var region in Geo.Regions)
        {
            (await Geo.StoredAsync(region, keyspace, "k")).ShouldBeNull(region);
        }

        (await Geo.RepairAsync(East, keyspace)).ShouldSatisfyAllConditions(r => r.KeysRepaired.ShouldBe(0), r => r.LocalKeys.ShouldBe(0));
    }

    [Fact]
    public async Task A_tombstone_every_replica_holds_is_kept_through_the_grace_period_then_purged_everywhere()
    {
        var keyspace = await Geo.LeaderlessKeyspaceAsync();
        var deletedAt = Now;
        var delete = VersionedValue.Tombstone(Replicas.Version(deletedAt, West));
        await Geo.ApplyAsync(keyspace, "k", delete, East, West, South);
        await Geo.ApplyAsync(keyspace, "live", Replicas.Value(Replicas.Version(deletedAt.AddHours(-1), West), "stays"), East, West, South);

        (await Geo.RepairAsync(East, keyspace)).TombstonesPurged.ShouldBe(0);
        (await Geo.StoredAsync(South, keyspace, "k")).ShouldNotBeNull();

        await Eventually.HoldsAsync(
            async () => (await Geo.RepairAsync(East, keyspace)).TombstonesPurged == 1,
            "a round purges the tombstone once the grace has passed", TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(250));

        (DateTimeOffset.UtcNow - deletedAt).ShouldBeGreaterThanOrEqualTo(AntiEntropyFixture.TombstoneGrace);
        foreach (var region in Geo.Regions)
        {
            (await Geo.StoredAsync(region, keyspace, "k")).ShouldBeNull(region);
            (await Geo.StoredAsync(region, keyspace, "live")).ShouldNotBeNull(region);
        }
    }

    [Fact]
    public async Task A_deleted_multi_value_key_keeps_its_sibling_set_so_its_regions_never_number_writes_again()
    {
        var keyspace = await Geo.LeaderlessKeyspaceAsync(ConflictResolver.MultiValue);
        var (deleted, state) = Replicas.Sibling(East, 2, VersionedValue.Tombstone(Replicas.Version(Now.AddHours(-2), East)));
        await Geo.ApplyAsync(keyspace, "cart", deleted, state, East, West, South);

        var report = await Geo.RepairAsync(East, keyspace);

        report.TombstonesPurged.ShouldBe(0);
        foreach (var region in Geo.Regions)
        {
            (await Geo.StoredAsync(region, keyspace, "cart")).ShouldNotBeNull(region).Merged!.Siblings.ShouldBe(state.Siblings, region);
        }
    }

    [Fact]
    public async Task A_round_reads_storage_and_activates_no_register_of_keys_that_agree()
    {
        var keyspace = await Geo.LeaderlessKeyspaceAsync();
        for (var i = 0; i < 40; i++)
        {
            await Geo.ApplyAsync(keyspace, $"k{i}", Replicas.Value(Replicas.Version(Now, East, i), "x"), East, West, South);
        }

        var management = Geo.Cluster.Client.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);
        await Eventually.HoldsAsync(async () => await RegistersActiveAsync(keyspace) == 0, "the keyspace's registers are deactivated");

        var report = await Geo.RepairAsync(East, keyspace);

        report.LocalKeys.ShouldBe(40);
        report.KeysRepaired.ShouldBe(0);
        (await RegistersActiveAsync(keyspace)).ShouldBe(0);
    }

    [Fact]
    public async Task Repair_of_a_keyspace_that_is_not_leaderless_is_refused()
    {
        await Should.ThrowAsync<InvalidKeyspaceException>(() => Geo.RepairAsync(East, "default"));
    }

    private async Task<int> RegistersActiveAsync(string keyspace)
    {
        var statistics = await Geo.Cluster.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        return statistics.Count(s => s.GrainId.ToString().StartsWith("register/", StringComparison.Ordinal) && s.GrainId.ToString().Contains($"/{keyspace}/", StringComparison.Ordinal));
    }
}
