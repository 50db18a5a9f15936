using System.Collections.Immutable;
using System.Globalization;

namespace GeoStore.Core.Leadership;

/// <summary>
/// Decides whether a SingleLeader write is acknowledged from its followers' log positions. Pure: the
/// caller calls it again as positions arrive, and once more with <c>timedOut</c> when its timer fires.
/// </summary>
public static class ReplicationAcks
{
    /// <summary>
    /// Where the write at <paramref name="sequence"/> of <paramref name="epoch"/> stands. The caller
    /// calls this only once the entry is durable in the leader's log, which is all Async waits for.
    /// </summary>
    /// <param name="requirement">The keyspace's requirement; must be valid for the follower count.</param>
    /// <param name="epoch">The epoch the leader wrote under; stated in the answer.</param>
    /// <param name="sequence">The entry's position in the leader's log, at least 1.</param>
    /// <param name="followers">The keyspace's followers (its regions but the leader), distinct.</param>
    /// <param name="positions">
    /// The latest known position of some followers, at most one each; a follower without one has
    /// received nothing yet.
    /// </param>
    /// <param name="timedOut">True when the write's timeout has passed: stop waiting and decide.</param>
    /// <exception cref="ArgumentException">
    /// The requirement is invalid for the followers, a follower is named twice, or a position names
    /// a region that is not a follower.
    /// </exception>
    public static WriteReach Evaluate(
        AckRequirement requirement,
        LeaderEpoch epoch,
        long sequence,
        IReadOnlyCollection<string> followers,
        IEnumerable<FollowerPosition> positions,
        bool timedOut)
    {
        ArgumentNullException.ThrowIfNull(requirement);
        ArgumentNullException.ThrowIfNull(epoch);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        ArgumentNullException.ThrowIfNull(followers);
        ArgumentNullException.ThrowIfNull(positions);

        var followerSet = new HashSet<string>(StringComparer.Ordinal);
        foreach (var follower in followers)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(follower, nameof(followers));
            if (!followerSet.Add(follower))
            {
                throw new ArgumentException($"Follower '{follower}' is named twice.", nameof(followers));
            }
        }

        if (requirement.Validate(followerSet.Count) is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join(" ", problems.Values.SelectMany(p => p)), nameof(requirement));
        }

        var byRegion = new Dictionary<string, FollowerPosition>(StringComparer.Ordinal);
        foreach (var position in positions)
        {
            ArgumentNullException.ThrowIfNull(position, nameof(positions));
            if (!followerSet.Contains(position.Region))
            {
                throw new ArgumentException($"'{position.Region}' is not a follower: {string.Join(", ", followerSet.Order(StringComparer.Ordinal))}.", nameof(positions));
            }

            if (!byRegion.TryAdd(position.Region, position))
            {
                throw new ArgumentException($"Follower '{position.Region}' has two positions; pass its latest.", nameof(positions));
            }
        }

        var ordered = followerSet.Order(StringComparer.Ordinal).ToList();
        var received = ordered.Where(f => byRegion.TryGetValue(f, out var p) && p.ReceivedThrough >= sequence).ToImmutableArray();
        var applied = ordered.Where(f => byRegion.TryGetValue(f, out var p) && p.AppliedThrough >= sequence).ToImmutableArray();
        var counted = requirement.Mode == AckMode.Sync ? applied : received;
        var missing = ordered.Except(counted, StringComparer.Ordinal).ToImmutableArray();
        var required = requirement.RequiredOf(followerSet.Count);

        var reach = new WriteReach(epoch, sequence, AckStatus.Acknowledged, required, received, applied, missing);
        if (counted.Length >= required)
        {
            return reach;
        }

        if (!timedOut)
        {
            return reach with { Status = AckStatus.Waiting };
        }

        var shortfall = string.Create(
            CultureInfo.InvariantCulture,
            $"{requirement} write {sequence} of {epoch}: only {counted.Length} of {required} followers {(requirement.Mode == AckMode.Sync ? "applied" : "received")} it before the timeout; missing {string.Join(", ", missing)}.");

        // Only SemiSync may trade its guarantee for availability; Sync promised every follower.
        return requirement is { Mode: AckMode.SemiSync, Fallback: SemiSyncFallback.Async }
            ? reach with { Degraded = true, Problem = shortfall + " Acknowledged as Async: a failover before a follower receives it moves it to the orphaned-writes log." }
            : reach with { Status = AckStatus.Failed, Problem = shortfall };
    }
}
