using System.Collections.Immutable;
using GeoStore.Abstractions.Messages;
using GeoStore.Core.Crdts;
using GeoStore.Core.Keyspaces;
using GeoStore.Core.Wan;
using GeoStore.Testing;
using Shouldly;

namespace GeoStore.Cluster.Tests;

/// <summary>CRDT keyspaces across regions: concurrent updates under random cuts merge without losing an increment or an add.</summary>
public sealed class CrdtTests(ThreeRegionFixture fixture) : IClassFixture<ThreeRegionFixture>
{
    private GeoCluster Geo => fixture.Geo;

    private async Task<string> KeyspaceAsync(CrdtType type, ReplicationTopology topology = ReplicationTopology.AllToAll)
    {
        var name = $"crdt-{Guid.NewGuid():N}"[..30];
        await Geo.PutKeyspaceAsync(name, new KeyspacePolicy(
            ReplicationMode.MultiLeader, [.. Geo.Regions], ConflictResolver.Crdt, topology, Hub: topology == ReplicationTopology.Star ? Geo.Regions[0] : null, Crdt: type));
        return name;
    }

    private Task<WriteResult> Apply(string region, string keyspace, string key, params CrdtOperation[] operations) =>
        Geo.Coordinator(region).Update(new CrdtCommand(keyspace, key, [.. operations]));

    private async Task<string?> StateAsync(string region, string keyspace, string key) =>
        (await Geo.Coordinator(region).Read(keyspace, key)).Merged?.Crdt?.ToJson().ToJsonString();

    [Theory]
    [InlineData(ReplicationTopology.AllToAll, 7101)]
    [InlineData(ReplicationTopology.Ring, 7102)]
    [InlineData(ReplicationTopology.Star, 7103)]
    public async Task No_increment_is_lost_under_random_cuts(ReplicationTopology topology, int seed)
    {
        var random = new Random(seed);
        var keyspace = await KeyspaceAsync(CrdtType.PnCounter, topology);
        var expected = 0L;
        await using (var cuts = new RandomLinkCuts(Geo, random))
        {
            for (var step = 0; step < 30; step++)
            {
                if (random.NextDouble() < 0.2)
                {
                    await cuts.ToggleAsync();
                    continue;
                }

                var by = random.Next(1, 10);
                var increment = random.Next(4) != 0;
                var result = await Apply(Geo.Regions[random.Next(3)], keyspace, "likes", increment ? CrdtOperation.Increment(by) : CrdtOperation.Decrement(by));
                result.Status.ShouldBe(WriteStatus.Applied);
                expected += increment ? by : -by;
            }
        }

        var want = $$"""{"type":"PnCounter","value":{{expected}}}""";
        foreach (var region in Geo.Regions)
        {
            await Eventually.HoldsAsync(async () => await StateAsync(region, keyspace, "likes") == want, $"{region} counts {expected} ({topology}, seed {seed})", TimeSpan.FromSeconds(30));
        }
    }

    [Theory]
    [InlineData(ReplicationTopology.AllToAll, 7201)]
    [InlineData(ReplicationTopology.Ring, 7202)]
    [InlineData(ReplicationTopology.Star, 7203)]
    public async Task No_add_is_lost_under_random_cuts_and_removes_take_only_what_they_saw(ReplicationTopology topology, int seed)
    {
        var random = new Random(seed);
        var keyspace = await KeyspaceAsync(CrdtType.OrSet, topology);
        await using (var cuts = new RandomLinkCuts(Geo, random))
        {
            for (var step = 0; step < 30; step++)
            {
                var region = Geo.Regions[random.Next(3)];
                if (random.NextDouble() < 0.2)
                {
                    await cuts.ToggleAsync(region);
                    continue;
                }

                var element = $"e{random.Next(12)}";
                if (random.Next(3) == 0)
                {
                    // A remove takes away only the adds this region has seen; every add after it, or
                    // concurrent with it, survives.
                    (await Apply(region, keyspace, "set", CrdtOperation.Remove([element]))).Status.ShouldBe(WriteStatus.Applied);
                    continue;
                }

                (await Apply(region, keyspace, "set", CrdtOperation.Add([element]))).Status.ShouldBe(WriteStatus.Applied);
            }

            // One last add of a fresh element per region: whatever the cuts, none may be lost.
            foreach (var region in Geo.Regions)
            {
                await Apply(region, keyspace, "set", CrdtOperation.Add([$"last-{region}"]));
            }
        }

        string?[] states = [];
        await Eventually.HoldsAsync(async () =>
        {
            states = await Task.WhenAll(Geo.Regions.Select(r => StateAsync(r, keyspace, "set")));
            return states.Distinct().Count() == 1;
        }, $"every region holds the same set ({topology}, seed {seed})", TimeSpan.FromSeconds(30));

        // Adds-wins: an element whose last operation anywhere was an add may still have been removed
        // by a concurrent remove elsewhere only if that remove saw it; the fresh last adds were seen by none.
        foreach (var region in Geo.Regions)
        {
            states[0].ShouldNotBeNull().ShouldContain($"\"last-{region}\"");
        }
    }

    [Fact]
    public async Task A_concurrent_add_wins_over_a_remove_that_did_not_see_it()
    {
        var keyspace = await KeyspaceAsync(CrdtType.OrSet);
        await Apply("us-east", keyspace, "tags", CrdtOperation.Add(["a", "b"]));
        foreach (var region in Geo.Regions)
        {
            await Eventually.HoldsAsync(async () => (await StateAsync(region, keyspace, "tags"))?.Contains("\"b\"") == true, $"{region} has the first adds");
        }

        await Geo.CutAsync("us-east", "eu-west");
        try
        {
            await Apply("us-east", keyspace, "tags", CrdtOperation.Remove(["a", "b"]));
            await Apply("eu-west", keyspace, "tags", CrdtOperation.Add(["b", "c"]));
        }
        finally
        {
            await Geo.HealAsync("us-east", "eu-west");
        }

        const string want = """{"type":"OrSet","elements":["b","c"]}""";
        foreach (var region in Geo.Regions)
        {
            await Eventually.HoldsAsync(async () => await StateAsync(region, keyspace, "tags") == want, $"{region} keeps the concurrent add of b");
        }
    }

    [Fact]
    public async Task An_operation_that_does_not_fit_the_state_is_refused_whole()
    {
        var keyspace = await KeyspaceAsync(CrdtType.Map);
        (await Apply("us-east", keyspace, "profile", CrdtOperation.Update("likes", CrdtOperation.Increment(2)))).Status.ShouldBe(WriteStatus.Applied);

        var refused = await Apply("us-east", keyspace, "profile",
            CrdtOperation.Update("tags", CrdtOperation.Add(["x"])),
            CrdtOperation.Update("likes", CrdtOperation.Add(["y"])));

        refused.Status.ShouldBe(WriteStatus.InvalidOperation);
        (await StateAsync("us-east", keyspace, "profile")).ShouldNotBeNull().ShouldNotContain("tags");
    }
}
