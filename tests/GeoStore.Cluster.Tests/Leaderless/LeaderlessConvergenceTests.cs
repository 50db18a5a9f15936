using System.Text;
using GeoStore.Abstractions.Errors;
using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Core.Versioning;
using GeoStore.Testing;
using Shouldly;

namespace GeoStore.Cluster.Tests.Leaderless;

/// <summary>
/// Random writes from every region under random seeded partitions: no acknowledged write is lost
/// (each key ends at a version at least as new as every acknowledged one), and once healed,
/// anti-entropy rounds (no reads) bring every replica to the same state.
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

        // No reads: anti-entropy from each region (peers one after another) is what converges the replicas.
        foreach (var region in Geo.Regions)
        {
            var report = await Geo.In(region).GetGrain<IAntiEntropyGrain>($"{region}/{keyspace}").Repair();
            report.Succeeded.ShouldBeTrue($"seed {seed}: {string.Join("; ", report.Peers.Select(p => p.Error))}");
        }

        foreach (var key in keys)
        {
            var replicas = await Task.WhenAll(Geo.Regions.Select(r => Geo.ReplicaAsync(r, keyspace, key)));
            replicas.Select(r => r.Value?.Version).Distinct().Count().ShouldBe(1, $"seed {seed}: every replica of {key} holds the same version");
            if (acked.TryGetValue(key, out var newest))
            {
                replicas[0].Value!.Version.CompareTo(newest).ShouldBeGreaterThanOrEqualTo(0, $"seed {seed}: {key} keeps its acknowledged write {newest}");
            }
        }
    }
}
