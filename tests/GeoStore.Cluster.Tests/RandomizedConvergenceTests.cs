using GeoStore.Abstractions.Messages;
using GeoStore.Core.Keyspaces;
using GeoStore.Core.Wan;
using GeoStore.Testing;
using Shouldly;

namespace GeoStore.Cluster.Tests;

/// <summary>
/// Seeded random histories per topology: writes from every region while links are cut and healed
/// at random, then a full heal. Every replica must end on the same version, and every write that
/// lost without being knowingly overwritten must be in the conflict log. Change the seed to replay.
/// </summary>
public sealed class RandomizedConvergenceTests(ThreeRegionFixture fixture) : IClassFixture<ThreeRegionFixture>
{
    private GeoCluster Geo => fixture.Geo;

    [Theory]
    [InlineData(ReplicationTopology.AllToAll, 5101)]
    [InlineData(ReplicationTopology.Ring, 5102)]
    [InlineData(ReplicationTopology.Star, 5103)]
    public async Task Lww_replicas_converge_after_random_cuts_and_every_loser_is_logged(ReplicationTopology topology, int seed)
    {
        var random = new Random(seed);
        var regions = Geo.Regions;
        var keyspace = $"random-{topology.ToString().ToLowerInvariant()}-{seed}-{Guid.NewGuid():N}"[..40];
        await Geo.PutKeyspaceAsync(keyspace, new KeyspacePolicy(
            ReplicationMode.MultiLeader, [.. regions], Topology: topology, Hub: topology == ReplicationTopology.Star ? regions[1] : null));

        string[] keys = ["a", "b", "c"];
        var writes = new List<(string Key, WriteResult Result)>();
        var cut = new HashSet<(string From, string To)>();
        try
        {
            for (var step = 0; step < 36; step++)
            {
                if (random.NextDouble() < 0.25)
                {
                    var from = regions[random.Next(regions.Count)];
                    var to = regions.Where(r => r != from).ElementAt(random.Next(regions.Count - 1));
                    var link = (from, to);
                    var cutting = cut.Add(link) || !cut.Remove(link);
                    await Geo.SetLinkAsync(from, to, new WanLink(Cut: cutting));
                    continue;
                }

                var key = keys[random.Next(keys.Length)];
                var region = regions[random.Next(regions.Count)];
                writes.Add((key, await Geo.PutAsync(region, keyspace, key, $"{region}#{step}")));
            }
        }
        finally
        {
            foreach (var (from, to) in cut)
            {
                await Geo.SetLinkAsync(from, to, WanLink.Healthy);
            }
        }

        foreach (var key in keys.Where(k => writes.Any(w => w.Key == k)))
        {
            ReadResult[] reads = [];
            await Eventually.HoldsAsync(async () =>
            {
                reads = await Geo.ReadEverywhereAsync(keyspace, key);
                return reads.All(r => r.Value is not null) && reads.Select(r => r.Value!.Version).Distinct().Count() == 1;
            }, $"every region holds one version of '{key}' ({topology}, seed {seed})", TimeSpan.FromSeconds(30));

            var ofKey = writes.Where(w => w.Key == key).Select(w => w.Result).ToList();
            var survivor = reads[0].Value!.Version;
            ofKey.Select(w => w.Version).ShouldContain(survivor, $"the survivor is an acknowledged write (seed {seed})");
            ofKey.Max(w => w.Version)!.ShouldBe(survivor, $"Lww keeps the highest version (seed {seed})");

            // A write that lost and that no later write had seen was discarded by a resolution: it must be on record.
            var discarded = ofKey
                .Where(w => w.Version != survivor && !ofKey.Any(other => other != w && other.Seen!.Covers(w.Version!)))
                .Select(w => w.Version)
                .ToList();
            await Eventually.HoldsAsync(async () =>
            {
                var logged = (await Geo.ConflictsAsync(keyspace)).Where(c => c.Key == key).SelectMany(c => c.Losers).Select(l => l.Version).ToHashSet();
                return discarded.All(v => logged.Contains(v!));
            }, $"every discarded write of '{key}' is in the conflict log ({topology}, seed {seed})");
        }
    }
}
