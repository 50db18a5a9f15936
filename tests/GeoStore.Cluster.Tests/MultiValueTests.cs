using System.Text;
using GeoStore.Abstractions.Messages;
using GeoStore.Core.Causality;
using GeoStore.Core.Keyspaces;
using GeoStore.Core.Resolution;
using GeoStore.Core.Versioning;
using GeoStore.Testing;
using Shouldly;

namespace GeoStore.Cluster.Tests;

/// <summary>MultiValue keyspaces: concurrent writes become siblings everywhere; a write with the read context replaces exactly them.</summary>
public sealed class MultiValueTests(ThreeRegionFixture fixture) : IClassFixture<ThreeRegionFixture>
{
    private const string East = "us-east", West = "eu-west", South = "ap-south";

    private GeoCluster Geo => fixture.Geo;

    private async Task<string> KeyspaceAsync(int maxSiblings = KeyspacePolicy.DefaultMaxSiblings, ReplicationTopology topology = ReplicationTopology.AllToAll)
    {
        var name = $"mv-{Guid.NewGuid():N}"[..30];
        await Geo.PutKeyspaceAsync(name, new KeyspacePolicy(
            ReplicationMode.MultiLeader, [East, West, South], ConflictResolver.MultiValue, topology, Hub: topology == ReplicationTopology.Star ? West : null, MaxSiblings: maxSiblings));
        return name;
    }

    private Task<WriteResult> Put(string region, string keyspace, string key, string value, VersionVector? context = null) =>
        Geo.Coordinator(region).Write(new WriteCommand(keyspace, key, Encoding.UTF8.GetBytes(value), "text/plain", WriteCondition.None, context));

    private async Task<SiblingSet> Siblings(string region, string keyspace, string key) =>
        (await Geo.Coordinator(region).Read(keyspace, key)).Merged?.Siblings ?? SiblingSet.Empty;

    private static string[] Values(SiblingSet set) =>
        [.. set.Siblings.Where(s => !s.IsTombstone).Select(s => Encoding.UTF8.GetString(s.Value.Value!)).Order(StringComparer.Ordinal)];

    private async Task EverywhereAsync(string keyspace, string key, string[] expected)
    {
        foreach (var region in Geo.Regions)
        {
            await Eventually.HoldsAsync(async () => Values(await Siblings(region, keyspace, key)).SequenceEqual(expected), $"{region} holds siblings [{string.Join(", ", expected)}]");
        }
    }

    [Fact]
    public async Task Concurrent_writes_become_siblings_and_a_write_with_the_read_context_replaces_exactly_them()
    {
        var keyspace = await KeyspaceAsync();
        await Geo.CutAsync(East, West);
        try
        {
            await Put(East, keyspace, "cart", "milk");
            await Put(West, keyspace, "cart", "eggs");
        }
        finally
        {
            await Geo.HealAsync(East, West);
        }

        await EverywhereAsync(keyspace, "cart", ["eggs", "milk"]);
        var seen = await Siblings(South, keyspace, "cart");

        // A concurrent blind write (it read nothing) adds a sibling and destroys none.
        await Put(West, keyspace, "cart", "bread");
        await EverywhereAsync(keyspace, "cart", ["bread", "eggs", "milk"]);

        // The merge written with the context read before "bread" replaces milk and eggs, not bread.
        await Put(South, keyspace, "cart", "eggs+milk", seen.Context);
        await EverywhereAsync(keyspace, "cart", ["bread", "eggs+milk"]);

        var records = await Geo.ConflictsAsync(keyspace);
        records.ShouldContain(r => r.Kind == ConflictKind.Siblings && r.Key == "cart");
    }

    [Fact]
    public async Task A_blind_write_beyond_the_sibling_cap_is_refused_and_one_with_the_context_is_not()
    {
        var keyspace = await KeyspaceAsync(maxSiblings: 2);
        (await Put(East, keyspace, "k", "one")).Status.ShouldBe(WriteStatus.Applied);
        (await Put(East, keyspace, "k", "two")).Status.ShouldBe(WriteStatus.Applied);

        var refused = await Put(East, keyspace, "k", "three");
        refused.Status.ShouldBe(WriteStatus.TooManySiblings);
        refused.Problem.ShouldNotBeNullOrEmpty();

        var context = (await Siblings(East, keyspace, "k")).Context;
        (await Put(East, keyspace, "k", "resolved", context)).Status.ShouldBe(WriteStatus.Applied);
        await EverywhereAsync(keyspace, "k", ["resolved"]);
    }

    [Fact]
    public async Task A_delete_with_the_context_removes_every_sibling_it_saw()
    {
        var keyspace = await KeyspaceAsync();
        await Put(East, keyspace, "k", "a");
        await EverywhereAsync(keyspace, "k", ["a"]);
        var context = (await Siblings(West, keyspace, "k")).Context;

        await Geo.Coordinator(West).Write(new WriteCommand(keyspace, "k", null, null, WriteCondition.None, context));

        foreach (var region in Geo.Regions)
        {
            await Eventually.HoldsAsync(async () => !(await Geo.Coordinator(region).Read(keyspace, "k")).Found && Values(await Siblings(region, keyspace, "k")).Length == 0, $"{region} reads the key as deleted");
        }
    }

    [Theory]
    [InlineData(ReplicationTopology.AllToAll, 6201)]
    [InlineData(ReplicationTopology.Ring, 6202)]
    [InlineData(ReplicationTopology.Star, 6203)]
    public async Task No_acknowledged_write_disappears_unless_a_later_write_saw_it(ReplicationTopology topology, int seed)
    {
        var random = new Random(seed);
        var keyspace = await KeyspaceAsync(maxSiblings: 64, topology: topology);
        var acknowledged = new List<(string Value, WriteVersion Version)>();
        var covered = new HashSet<WriteVersion>();
        await Geo.CutAsync(East, South);
        try
        {
            for (var i = 0; i < 24; i++)
            {
                var region = Geo.Regions[random.Next(Geo.Regions.Count)];
                VersionVector? context = null;
                if (random.Next(3) == 0)
                {
                    var read = await Siblings(region, keyspace, "k");
                    context = read.Context;
                    covered.UnionWith(read.Siblings.Select(s => s.Value.Version));
                }

                var result = await Put(region, keyspace, "k", $"{region}#{i}", context);
                result.Status.ShouldBe(WriteStatus.Applied);
                acknowledged.Add(($"{region}#{i}", result.Version!));
                if (i == 12)
                {
                    await Geo.HealAsync(East, South);
                    await Geo.CutAsync(West, South);
                }
            }
        }
        finally
        {
            await Geo.HealAsync(East, South);
            await Geo.HealAsync(West, South);
        }

        // Survivors: exactly the writes no context covered.
        var expected = acknowledged.Where(w => !covered.Contains(w.Version)).Select(w => w.Value).Order(StringComparer.Ordinal).ToArray();
        await EverywhereAsync(keyspace, "k", expected);
    }
}
