using GeoStore.Abstractions.Messages;
using GeoStore.Core.Keyspaces;
using GeoStore.Core.Wan;
using GeoStore.Grains.Conflicts.Samples;
using GeoStore.Testing;
using Shouldly;

namespace GeoStore.Cluster.Tests;

/// <summary>
/// Seeded random histories per topology and resolver (Lww, and Custom with the flight-booking rule): writes from every region while links are cut and healed
/// at random, then a full heal. Every replica must end on the same version, and every write that
/// lost without being knowingly overwritten must be in the conflict log. Change the seed to replay.
/// </summary>
public sealed class RandomizedConvergenceTests(ThreeRegionFixture fixture) : IClassFixture<ThreeRegionFixture>
{
    private GeoCluster Geo => fixture.Geo;

    [Theory]
    [InlineData(ReplicationTopology.AllToAll, ConflictResolver.Lww, 5101)]
    [InlineData(ReplicationTopology.Ring, ConflictResolver.Lww, 5102)]
    [InlineData(ReplicationTopology.Star, ConflictResolver.Lww, 5103)]
    [InlineData(ReplicationTopology.AllToAll, ConflictResolver.Custom, 5111)]
    [InlineData(ReplicationTopology.Ring, ConflictResolver.Custom, 5112)]
    [InlineData(ReplicationTopology.Star, ConflictResolver.Custom, 5113)]
    public async Task Replicas_converge_after_random_cuts_and_every_discarded_write_is_logged(ReplicationTopology topology, ConflictResolver resolver, int seed)
    {
        var random = new Random(seed);
        var regions = Geo.Regions;
        var custom = resolver == ConflictResolver.Custom;
        var keyspace = $"random-{topology.ToString().ToLowerInvariant()}-{seed}-{Guid.NewGuid():N}"[..40];
        await Geo.PutKeyspaceAsync(keyspace, new KeyspacePolicy(
            ReplicationMode.MultiLeader, [.. regions], resolver, topology, Hub: topology == ReplicationTopology.Star ? regions[1] : null,
            CustomResolver: custom ? FlightSeatResolver.ResolverName : null));

        string[] keys = ["a", "b", "c"];
        var writes = new List<(string Key, WriteResult Result)>();
        await using (var cuts = new RandomLinkCuts(Geo, random))
        {
            for (var step = 0; step < 36; step++)
            {
                if (random.NextDouble() < 0.25)
                {
                    await cuts.ToggleAsync();
                    continue;
                }

                var key = keys[random.Next(keys.Length)];
                var region = regions[random.Next(regions.Count)];

                // Under the flight-booking rule the values are bookings of random seats: the lowest seat survives, not the last write.
                var value = custom ? Booking($"{region}#{step}", random.Next(1, 30)) : $"{region}#{step}";
                writes.Add((key, await Geo.PutAsync(region, keyspace, key, value)));
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
            if (!custom)
            {
                ofKey.Max(w => w.Version)!.ShouldBe(survivor, $"Lww keeps the highest version (seed {seed})");
            }

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

    private static string Booking(string passenger, int row) => $"{{\"passenger\":\"{passenger}\",\"seat\":\"{row}A\"}}";
}
