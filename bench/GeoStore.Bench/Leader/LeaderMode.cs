using System.Text.Json.Serialization;
using GeoStore.Abstractions.Messages;
using GeoStore.Bench.Topology;
using GeoStore.Core.Keyspaces;
using GeoStore.Core.Leadership;

namespace GeoStore.Bench.Leader;

/// <summary>
/// One way a keyspace with a single writer acknowledges its writes, as the leader scenario measures
/// it: a SingleLeader keyspace with its <see cref="Replication"/>, or a Chain whose head is the
/// leader (the other regions after it in region order). It gives the policy of the keyspace to
/// create, the least time a write can take over a WAN matrix, and whether an answer shows the write
/// acknowledged as the mode promises.
/// </summary>
public sealed record LeaderMode(string Name, ReplicationMode Mode, AckMode? Replication = null, int? SemiSyncAcks = null)
{
    /// <summary>Acknowledged once the leader's log holds the write.</summary>
    public static LeaderMode Async { get; } = new("Async", ReplicationMode.SingleLeader, AckMode.Async);

    /// <summary>Acknowledged once every follower applied the write.</summary>
    public static LeaderMode Sync { get; } = new("Sync", ReplicationMode.SingleLeader, AckMode.Sync);

    /// <summary>Acknowledged by the tail once every member, in chain order from the head, stored the write.</summary>
    public static LeaderMode Chain { get; } = new("Chain", ReplicationMode.Chain);

    /// <summary>"single-leader" or "chain": the kind of keyspace, for names.</summary>
    [JsonIgnore]
    public string Kind => Mode == ReplicationMode.SingleLeader ? "single-leader" : Mode.ToString().ToLowerInvariant();

    /// <summary>Acknowledged once <paramref name="acks"/> followers received the write.</summary>
    public static LeaderMode SemiSync(int acks) => new($"SemiSync({acks})", ReplicationMode.SingleLeader, AckMode.SemiSync, acks);

    /// <summary>The policy of a keyspace of this mode over <paramref name="regions"/>, led by (a chain: headed by) <paramref name="leader"/>.</summary>
    public KeyspacePolicy Policy(IReadOnlyList<string> regions, string leader) => Mode switch
    {
        ReplicationMode.SingleLeader => new KeyspacePolicy(Mode, [.. regions], Leader: leader, Replication: Replication, SemiSyncAcks: SemiSyncAcks),
        ReplicationMode.Chain => new KeyspacePolicy(Mode, [.. ChainFrom(regions, leader, [])]),
        _ => throw new NotSupportedException($"The leader scenario does not measure {Mode} keyspaces."),
    };

    /// <summary>
    /// The least time a write sent in <paramref name="writer"/> can be acknowledged in: the round
    /// trip to the leader when it is forwarded, plus <see cref="BoundAtLeaderMs"/>.
    /// </summary>
    public double BoundMs(WanMatrix wan, string leader, string writer, IReadOnlyCollection<string>? cutOff = null) =>
        (2.0 * wan.LatencyMs(writer, leader)) + BoundAtLeaderMs(wan, leader, cutOff);

    /// <summary>
    /// The least time a write made at <paramref name="leader"/> can be acknowledged in, local
    /// durability counting 0. SingleLeader: a follower's acknowledgement costs a round trip to it, so
    /// the bound is the round trip to the follower the mode waits for last (Async: none; SemiSync(k):
    /// the k-th nearest; Sync: the farthest), infinite when it waits for more followers than are
    /// outside <paramref name="cutOff"/>. Chain: each member stores the write before it passes it on
    /// and the tail's acknowledgement comes back along the same calls, so the round trip along the
    /// chain (its members outside <paramref name="cutOff"/>).
    /// </summary>
    public double BoundAtLeaderMs(WanMatrix wan, string leader, IReadOnlyCollection<string>? cutOff = null)
    {
        cutOff ??= [];
        switch (Mode)
        {
            case ReplicationMode.SingleLeader:
                var followers = wan.Regions.Where(r => !string.Equals(r, leader, StringComparison.Ordinal)).ToArray();
                var needed = new AckRequirement(Replication ?? AckMode.Async, SemiSyncAcks ?? 1).RequiredOf(followers.Length);
                var roundTrips = followers.Where(f => !cutOff.Contains(f)).Select(f => 2.0 * wan.LatencyMs(leader, f)).Order().ToArray();
                return needed == 0 ? 0 : needed <= roundTrips.Length ? roundTrips[needed - 1] : double.PositiveInfinity;
            case ReplicationMode.Chain:
                return 2.0 * wan.PathLatencyMs([.. ChainFrom(wan.Regions, leader, cutOff)]);
            default:
                throw new NotSupportedException($"The leader scenario does not measure {Mode} keyspaces.");
        }
    }

    /// <summary>
    /// Whether <paramref name="written"/> shows the write acknowledged as this mode promises, by
    /// <paramref name="leader"/> in its first epoch (first chain): SingleLeader, not degraded and
    /// with every follower the mode counts (Sync: applied; SemiSync: received); Chain, by the tail of
    /// the chain headed by the leader.
    /// </summary>
    public bool ShowsAcknowledged(WriteResult written, string leader)
    {
        if (!string.Equals(written.Region, leader, StringComparison.Ordinal))
        {
            return false;
        }

        return Mode switch
        {
            ReplicationMode.SingleLeader => written.Leader is { Reach: var reach } answer
                && reach.Epoch.Number == 1 && reach.IsAcknowledged && !reach.Degraded
                && (answer.Requirement.Mode == AckMode.Sync ? reach.Applied.Length : reach.Received.Length) >= reach.Required,
            ReplicationMode.Chain => written.Chain is { Version: 1 } chain
                && string.Equals(chain.Members[0], leader, StringComparison.Ordinal) && string.Equals(chain.ServedBy, chain.Members[^1], StringComparison.Ordinal),
            _ => false,
        };
    }

    public override string ToString() => Name;

    /// <summary>A chain headed by <paramref name="head"/>, then the other regions in order, leaving out <paramref name="cutOff"/>.</summary>
    private static IEnumerable<string> ChainFrom(IReadOnlyList<string> regions, string head, IReadOnlyCollection<string> cutOff) =>
        regions.Where(r => string.Equals(r, head, StringComparison.Ordinal))
            .Concat(regions.Where(r => !string.Equals(r, head, StringComparison.Ordinal) && !cutOff.Contains(r)));
}
