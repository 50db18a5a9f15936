using System.Collections.Immutable;
using GeoStore.Abstractions.Errors;
using GeoStore.Abstractions.Messages;
using GeoStore.Core.AntiEntropy;
using GeoStore.Core.Keyspaces;
using GeoStore.Core.Replication;

namespace GeoStore.Grains.AntiEntropy;

public sealed partial class AntiEntropyGrain
{
    /// <summary>Keys repaired at once with one peer: each is two reads and up to two merges across the WAN.</summary>
    private const int RepairParallelism = 16;

    private Task<AntiEntropyReport>? _round;

    public async Task<AntiEntropyReport> Repair()
    {
        if (_round is { } running)
        {
            return await running;
        }

        var round = RunRoundAsync();
        _round = round;
        try
        {
            return await round;
        }
        finally
        {
            if (ReferenceEquals(_round, round))
            {
                _round = null;
            }
        }
    }

    /// <summary>
    /// Walks this replica's tree against each peer's (<see cref="MerkleExchange"/>), lists the keys
    /// of the differing ranges on both sides, and merges each differing key both ways. Merges are
    /// idempotent, so a round that repeats one (or a second round) changes nothing.
    /// </summary>
    private async Task<AntiEntropyReport> RunRoundAsync()
    {
        var policy = await LeaderlessPolicyAsync();
        var startedAt = time.GetUtcNow().ToUnixTimeMilliseconds();
        var started = time.GetTimestamp();
        var local = await BuildTreeAsync(CancellationToken.None);
        var peers = policy.Regions.Where(r => !string.Equals(r, _key.Region, StringComparison.Ordinal)).ToArray();

        // Keys merged this round are left for the next one to purge: every replica must be seen holding the tombstone before.
        var repairedKeys = new HashSet<string>(StringComparer.Ordinal);
        var reports = ImmutableArray.CreateBuilder<PeerRepair>(peers.Length);
        foreach (var peer in peers)
        {
            var report = await RepairWithAsync(peer, local, repairedKeys, key => RepairKeyAsync(peer, key));
            metrics.RecordAntiEntropyRound(_key.Region, _key.Keyspace, peer, report.Succeeded, report.KeysRepaired);
            reports.Add(report);
        }

        var purged = reports.All(r => r.Succeeded) ? await PurgeTombstonesAsync(peers, repairedKeys) : 0;
        metrics.RecordTombstonesPurged(_key.Region, _key.Keyspace, purged);
        var result = new AntiEntropyReport(_key.Keyspace, _key.Region, startedAt, time.GetElapsedTime(started).TotalMilliseconds, local.Count, reports.MoveToImmutable(), purged);
        logger.RoundFinished(_key.Keyspace, _key.Region, result.KeysRepaired, purged, result.Peers.Count(p => !p.Succeeded), peers.Length, result.DurationMs);
        return result;
    }

    private async Task<KeyspacePolicy> LeaderlessPolicyAsync()
    {
        var definition = keyspaces.Snapshot.Find(_key.Keyspace) ?? await keyspaces.FindAsync(_key.Keyspace)
            ?? throw new KeyspaceNotFoundException(_key.Keyspace);
        var policy = definition.Policy;
        if (policy.Mode != ReplicationMode.Leaderless)
        {
            throw new InvalidKeyspaceException(_key.Keyspace, ImmutableDictionary<string, string[]>.Empty.Add(
                "mode", [$"Anti-entropy repairs Leaderless keyspaces; '{_key.Keyspace}' is {policy.Mode}, whose replicas converge through their replication log."]));
        }

        if (!policy.IsReplicaIn(_key.Region))
        {
            throw new InvalidKeyspaceException(_key.Keyspace, ImmutableDictionary<string, string[]>.Empty.Add(
                "regions", [$"Region {_key.Region} holds no replica of '{_key.Keyspace}' (replicas: {string.Join(", ", policy.Regions)})."]));
        }

        return policy;
    }

    private async Task<PeerRepair> RepairWithAsync(string peer, MerkleTree local, HashSet<string> repairedKeys, Func<string, Task<bool>> repairKey)
    {
        var started = time.GetTimestamp();
        var (nodes, ranges, compared, repaired) = (0, 0, 0, 0);
        try
        {
            var theirs = await transport.MerkleSnapshotAsync(peer, _key.Keyspace);
            if (theirs.Depth != local.Depth)
            {
                throw new InvalidOperationException($"Region {peer} builds trees of depth {theirs.Depth}, this region of depth {local.Depth}.");
            }

            var exchange = await MerkleExchange.FindDifferencesAsync(
                (request, _) => ValueTask.FromResult(local.Level(request)),
                async (request, _) => await transport.MerkleLevelAsync(peer, _key.Keyspace, theirs.Id, request));
            (nodes, ranges) = (exchange.NodesExchanged, exchange.Ranges.Length);
            if (!exchange.Ranges.IsEmpty)
            {
                var lists = await Task.WhenAll(DigestsIn(exchange.Ranges), transport.KeyDigestsInAsync(peer, _key.Keyspace, exchange.Ranges));
                var (ours, others) = (Index(lists[0]), Index(lists[1]));
                var keys = ours.Keys.Union(others.Keys, StringComparer.Ordinal).ToArray();
                compared = keys.Length;
                var differing = keys
                    .Where(k => !ours.TryGetValue(k, out var a) || !others.TryGetValue(k, out var b) || a != b)
                    .Order(StringComparer.Ordinal)
                    .ToArray();
                foreach (var chunk in differing.Chunk(RepairParallelism))
                {
                    var changed = await Task.WhenAll(chunk.Select(repairKey));
                    repaired += changed.Count(c => c);
                }

                repairedKeys.UnionWith(differing);
            }

            return new PeerRepair(peer, true, null, nodes, ranges, compared, repaired, time.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Reported per peer: one unreachable region must not keep the others unrepaired.
            logger.PeerFailed(_key.Keyspace, _key.Region, peer, ex.Message);
            return new PeerRepair(peer, false, ex.Message, nodes, ranges, compared, repaired, time.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    /// <summary>Reads both replicas of the key and merges each into the other; true when either changed.</summary>
    private async Task<bool> RepairKeyAsync(string peer, string key)
    {
        var reads = await Task.WhenAll(transport.ReadAsync(_key.Region, _key.Keyspace, key), transport.ReadAsync(peer, _key.Keyspace, key));
        var changed = false;
        if (EntryOf(_key.Region, key, reads[0]) is { } ours)
        {
            changed |= await transport.ApplyAsync(peer, ours);
        }

        if (EntryOf(peer, key, reads[1]) is { } theirs)
        {
            changed |= await transport.ApplyAsync(_key.Region, theirs);
        }

        return changed;
    }

    /// <summary>
    /// A replica's whole state as an entry to merge into another: its version, what it has seen, and
    /// its sibling set. The origin is the replica it came from, never the target, so the target
    /// merges it without passing it on.
    /// </summary>
    private LogEntry? EntryOf(string region, string key, ReplicaRead read) =>
        read.Value is { } value ? new LogEntry(0, region, _key.Keyspace, key, value, Seen: read.Seen, State: read.Merged) : null;

    private static Dictionary<string, ulong> Index(ImmutableArray<KeyDigest> digests)
    {
        var index = new Dictionary<string, ulong>(digests.Length, StringComparer.Ordinal);
        foreach (var digest in digests)
        {
            index[digest.Key] = digest.Digest;
        }

        return index;
    }
}
