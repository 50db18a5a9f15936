using System.Text;
using GeoStore.Abstractions.Errors;
using GeoStore.Abstractions.Messages;
using GeoStore.Core.Versioning;
using GeoStore.Testing;
using Shouldly;

namespace GeoStore.Cluster.Tests.Leaderless;

/// <summary>
/// Random writes from every region under random seeded partitions: no acknowledged write is lost
/// (each key ends at a version at least as new as every acknowledged one), and once healed, a
/// full read (r=all) repairs every replica to the same state.
/// </summary>
public sealed class LeaderlessConvergenceTests(LeaderlessFixture fixture) : IClassFixture<LeaderlessFixture>
{
    private GeoCluster Geo => fixture.Geo;

    [Theory]
    [InlineData(21, false)]
    [InlineData(22, true)]
    public async Task Replicas_converge_after_random_partitions_heal_and_keep_every_acknowledged_write(int seed, bool sloppy)
    {
        var keyspace = await fixture.KeyspaceAsync(w: 2, r: 2, sloppy: sloppy, prefix: "conv");
        var random = new Random(seed);
        var keys = Enumerable.Range(0, 8).Select(i => $"key-{i}").ToArray();
        var acked = new Dictionary<string, WriteVersion>();
        await using (var cuts = new RandomLinkCuts(Geo, random))
        {
            for (var i = 0; i < 120; i++)
            {
                if (i % 10 == 0)
                {
                    await cuts.ToggleAsync();
                }

                var key = keys[random.Next(keys.Length)];
                var region = Geo.Regions[random.Next(Geo.Regions.Count)];
                try
                {
                    var result = await Geo.Coordinator(region).Write(new WriteCommand(keyspace, key, Encoding.UTF8.GetBytes($"{seed}:{i}"), "text/plain", WriteCondition.None));
                    if (!acked.TryGetValue(key, out var newest) || result.Version!.CompareTo(newest) > 0)
                    {
                        acked[key] = result.Version!;
                    }
                }
                catch (QuorumNotMetException)
                {
                    // Indeterminate: it may or may not survive, and either is right.
                }
            }
        }

        foreach (var key in keys.Where(acked.ContainsKey))
        {
            var read = await Geo.Coordinator(Geo.Regions[random.Next(Geo.Regions.Count)]).Read(keyspace, key, ReadOptions.Any with { R = 3 });
            read.Value!.Version.CompareTo(acked[key]).ShouldBeGreaterThanOrEqualTo(0, $"seed {seed}: {key} keeps its acknowledged write {acked[key]}");
            await Eventually.HoldsAsync(
                async () =>
                {
                    var replicas = await Task.WhenAll(Geo.Regions.Select(r => Geo.ReplicaAsync(r, keyspace, key)));
                    return replicas.All(r => r.Value?.Version == read.Value.Version);
                },
                $"seed {seed}: every replica of {key} holds {read.Value.Version}");
        }
    }
}
