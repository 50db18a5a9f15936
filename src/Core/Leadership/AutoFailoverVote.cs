using System.Collections.Immutable;
using System.Globalization;
using GeoStore.Core.Quorum;

namespace GeoStore.Core.Leadership;

/// <summary>
/// The majority rule of automatic failover: the follower regions may promote only when more than
/// half of ALL the keyspace's replica regions (N counts the leader's region) have each seen the
/// leader unreachable for the configured time. The leader's region never votes for its own removal.
/// </summary>
/// <remarks>
/// Counting the leader in N is what makes a minority unable to promote: any side of a partition that
/// promotes holds a majority of the N regions, so the old leader's side is a minority, and two
/// disjoint sides can never both hold a majority. Counting only followers would let 2 of 4 regions
/// promote while the leader keeps the other 2. The price: with N = 2 the one follower can never
/// promote on its own (majority 2, one voter), and N = 3 needs both followers; failover there is manual.
/// </remarks>
public static class AutoFailoverVote
{
    /// <summary>The votes a promotion needs among <paramref name="regionCount"/> replica regions, the leader's included.</summary>
    public static int VotesNeeded(int regionCount) => QuorumLevels.Majority(regionCount);

    /// <summary>
    /// Whether <paramref name="observations"/> allow a promotion at <paramref name="now"/>: at least
    /// <see cref="VotesNeeded"/> follower regions have each observed the leader unreachable for
    /// <paramref name="unreachableFor"/> or longer. Observations from the leader's region are ignored.
    /// </summary>
    /// <param name="regions">Every replica region of the keyspace, the leader's included, distinct.</param>
    /// <param name="leader">The leader region being judged.</param>
    /// <param name="observations">What the regions heard from report, at most one per region.</param>
    /// <param name="unreachableFor">How long each voter must have seen the outage; positive.</param>
    /// <param name="now">The time of the decision, from the caller's <see cref="TimeProvider"/>.</param>
    /// <exception cref="ArgumentException">
    /// The regions repeat or omit the leader, or an observation names a region twice or a region
    /// that is not a replica.
    /// </exception>
    public static AutoFailoverDecision Decide(
        IReadOnlyCollection<string> regions,
        string leader,
        IEnumerable<LeaderUnreachableObservation> observations,
        TimeSpan unreachableFor,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(regions);
        ArgumentException.ThrowIfNullOrWhiteSpace(leader);
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(unreachableFor, TimeSpan.Zero);

        var regionSet = new HashSet<string>(StringComparer.Ordinal);
        foreach (var region in regions)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(region, nameof(regions));
            if (!regionSet.Add(region))
            {
                throw new ArgumentException($"Region '{region}' is named twice.", nameof(regions));
            }
        }

        if (!regionSet.Contains(leader))
        {
            throw new ArgumentException($"The leader '{leader}' is not one of the regions: {string.Join(", ", regionSet.Order(StringComparer.Ordinal))}.", nameof(leader));
        }

        var observers = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var observation in observations)
        {
            ArgumentNullException.ThrowIfNull(observation, nameof(observations));
            if (!regionSet.Contains(observation.Region))
            {
                throw new ArgumentException($"'{observation.Region}' is not a replica region of this keyspace.", nameof(observations));
            }

            if (!observers.TryAdd(observation.Region, observation.Since))
            {
                throw new ArgumentException($"Region '{observation.Region}' reported twice; pass its latest observation.", nameof(observations));
            }
        }

        // The leader's region may well find its own leader unreachable (its silo is down), but that is no vote to depose it.
        observers.Remove(leader);

        var needed = VotesNeeded(regionSet.Count);
        var due = observers
            .Select(o => (Region: o.Key, At: o.Value + unreachableFor))
            .OrderBy(o => o.At)
            .ThenBy(o => o.Region, StringComparer.Ordinal)
            .ToList();
        var voters = due.Where(o => o.At <= now).Select(o => o.Region).Order(StringComparer.Ordinal).ToImmutableArray();
        var waiting = due.Where(o => o.At > now).Select(o => o.Region).Order(StringComparer.Ordinal).ToImmutableArray();
        DateTimeOffset? allowedAt = due.Count >= needed ? due[needed - 1].At : null;
        var allowed = voters.Length >= needed;

        var reason = (allowed, allowedAt) switch
        {
            (true, _) => Format($"{voters.Length} of {regionSet.Count} regions ({string.Join(", ", voters)}) have seen {leader} unreachable for {unreachableFor} or longer; a majority is {needed}: promotion allowed."),
            _ when needed > regionSet.Count - 1 => Format($"With {regionSet.Count} regions a majority is {needed}, but only {regionSet.Count - 1} can vote against {leader}: automatic failover can never promote; fail over manually."),
            (false, null) => Format($"Only {due.Count} of the {needed} regions a majority of {regionSet.Count} needs see {leader} unreachable: a minority cannot promote."),
            (false, { } at) => Format($"{voters.Length} of the {needed} regions a majority of {regionSet.Count} needs have seen {leader} unreachable for {unreachableFor}; allowed at {at:O} if the outage lasts."),
        };

        return new AutoFailoverDecision(allowed, needed, voters, waiting, allowedAt, reason);
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
