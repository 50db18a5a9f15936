using System.Collections.Immutable;
using GeoStore.Abstractions.Errors;
using GeoStore.Core.AntiEntropy;

namespace GeoStore.Grains.AntiEntropy;

public sealed partial class AntiEntropyGrain
{
    /// <summary>Tombstones checked with the peers in one call.</summary>
    private const int PurgeBatch = 256;

    /// <summary>
    /// Purges the single-value (Lww) tombstones that every replica region holds alike and that are
    /// older than the grace period: this replica's candidates come from a storage scan, every peer is asked for
    /// its digest of them, and only a key whose digest is the same everywhere is purged, in every
    /// region, each replica checking once more that it holds exactly that tombstone
    /// (<see cref="Registers.RegisterGrain.PurgeTombstone"/> says why that is safe). A purge cut
    /// short leaves some replicas with the tombstone; the next round spreads it again (never a
    /// value) and purges it later.
    /// </summary>
    private async Task<int> PurgeTombstonesAsync(string[] peers, HashSet<string> repairedKeys)
    {
        var oldest = time.GetUtcNow().ToUnixTimeMilliseconds() - (long)options.Value.TombstoneGrace.TotalMilliseconds;
        var purged = 0;
        var batch = new List<KeyDigest>(PurgeBatch);
        try
        {
            await foreach (var stored in scanner.ScanAsync(_key.Region, _key.Keyspace))
            {
                // Only single-value tombstones: a sibling set's context numbers each region's writes, and a
                // replica purged of it would number new writes from 1 again, dots that a replica still holding
                // the old context takes for writes it has seen, and drops. A deleted sibling set stays.
                if (!repairedKeys.Contains(stored.Key)
                    && stored.State.Merged?.Siblings is null
                    && DigestOf(stored.Key, stored.State) is { Tombstone: { } tombstone } candidate
                    && tombstone.Timestamp.WallMs <= oldest)
                {
                    batch.Add(candidate);
                }

                if (batch.Count == PurgeBatch)
                {
                    purged += await PurgeAsync(peers, batch);
                    batch.Clear();
                }
            }

            if (batch.Count > 0)
            {
                purged += await PurgeAsync(peers, batch);
            }
        }
        catch (RegionUnavailableException ex)
        {
            logger.PurgeStopped(_key.Keyspace, _key.Region, ex.Message);
        }

        return purged;
    }

    private async Task<int> PurgeAsync(string[] peers, List<KeyDigest> candidates)
    {
        var keys = candidates.Select(c => c.Key).ToImmutableArray();
        var answers = await Task.WhenAll(peers.Select(peer => transport.KeyDigestsOfAsync(peer, _key.Keyspace, keys)));
        var held = answers.Select(a => a.ToDictionary(d => d.Key, StringComparer.Ordinal)).ToArray();
        var purged = 0;
        foreach (var candidate in candidates)
        {
            if (!held.All(h => h.TryGetValue(candidate.Key, out var theirs) && theirs.Digest == candidate.Digest && theirs.Tombstone == candidate.Tombstone))
            {
                continue;
            }

            // The peers first: should this region's replica refuse or the purge stop, the tombstone is still here to spread again.
            var all = true;
            foreach (var region in peers.Append(_key.Region))
            {
                if (!await transport.PurgeTombstoneAsync(region, _key.Keyspace, candidate.Key, candidate.Tombstone!, candidate.Digest))
                {
                    all = false;
                    break;
                }
            }

            purged += all ? 1 : 0;
        }

        return purged;
    }
}
