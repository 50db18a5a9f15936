using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace GeoStore.Core.Leadership;

/// <summary>
/// The follower a failover promotes, the fork it records, and what that costs.
/// </summary>
/// <param name="From">The epoch being replaced.</param>
/// <param name="NewEpoch">The next epoch, led by the target.</param>
/// <param name="Target">The follower to promote.</param>
/// <param name="Fork">
/// Per shard of the old leader's log, how far the target received it: the old epoch's history the new
/// leader keeps. Entries of the old epoch after it are orphans.
/// </param>
/// <param name="CoversAcknowledged">
/// True when the target is known to hold every write the old leader acknowledged, false when it may
/// lack some (a forced promotion), null when the mode acknowledges before any follower has a write
/// (Async, or SemiSync that may fall back to it).
/// </param>
/// <param name="Warnings">What an operator should hear about this promotion.</param>
[GenerateSerializer, Immutable]
public sealed record FailoverChoice(
    [property: Id(0)] LeaderEpoch From,
    [property: Id(1)] LeaderEpoch NewEpoch,
    [property: Id(2)] FailoverCandidate Target,
    [property: Id(3)] ImmutableDictionary<int, long> Fork,
    [property: Id(4)] bool? CoversAcknowledged,
    [property: Id(5)] ImmutableArray<string> Warnings)
{
    /// <summary>
    /// How many followers must have answered the prepare (and so refuse the old epoch from then on)
    /// for one of them to hold every acknowledged write: all but k−1 for SemiSync(k), so that they
    /// meet every set of k followers that acknowledged a write. Sync acknowledges through every
    /// follower (k is all of them), so one is enough: once it refuses, nothing more is acknowledged,
    /// and it has everything that was. One (the target) when nothing is guaranteed.
    /// </summary>
    public static int PreparedNeeded(AckRequirement requirement, int followers)
    {
        ArgumentNullException.ThrowIfNull(requirement);
        return Guarantees(requirement) ? Math.Max(1, followers - requirement.RequiredOf(followers) + 1) : 1;
    }

    /// <summary>True when the mode promises that an acknowledged write survives a failover that promotes a follower holding it.</summary>
    public static bool Guarantees(AckRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(requirement);
        return requirement.Mode == AckMode.Sync || requirement is { Mode: AckMode.SemiSync, Fallback: SemiSyncFallback.Fail };
    }

    /// <summary>
    /// Chooses whom to promote out of <paramref name="current"/>. Positions are compared shard by
    /// shard (the leader's log is sharded: a follower ahead on one shard may be behind on another).
    /// Under Sync or SemiSync(k), when enough followers answered (<see cref="PreparedNeeded"/>), every
    /// acknowledged write reached a prepared one, and <see cref="MayBeAcknowledged"/> says how far,
    /// per shard, writes may have been acknowledged; a follower holding that much on every shard is
    /// chosen (one at the frontier, the furthest anyone received, first; then the one that received
    /// the most; then <paramref name="preferred"/>; then by region name), or the named target must
    /// be one. Otherwise the failover is refused unless <paramref name="force"/>, because promoting
    /// would lose acknowledged writes. Under Async nothing is guaranteed: the follower at the
    /// frontier is chosen, or else the one that received the most.
    /// </summary>
    /// <param name="current">The epoch being replaced; its leader is not a candidate.</param>
    /// <param name="requirement">The keyspace's ack requirement.</param>
    /// <param name="candidates">Every follower of the keyspace, prepared or not, each once.</param>
    /// <param name="target">The follower an operator asks to promote, or null to choose.</param>
    /// <param name="force">Promote even when acknowledged writes may be lost (the refusal says which risk).</param>
    /// <param name="preferred">
    /// The follower that wins a tie (the region the failover runs in: the operator's side of a
    /// partition, known to be up); ties between others go to the region name.
    /// </param>
    /// <returns>False with the refusal when nobody is promoted.</returns>
    /// <exception cref="ArgumentException">A candidate is named twice or is the current leader.</exception>
    public static bool TryChoose(
        LeaderEpoch current,
        AckRequirement requirement,
        IEnumerable<FailoverCandidate> candidates,
        string? target,
        bool force,
        [NotNullWhen(true)] out FailoverChoice? choice,
        [NotNullWhen(false)] out FailoverRefusal? refusal,
        string? preferred = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(requirement);
        ArgumentNullException.ThrowIfNull(candidates);

        var all = candidates.ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var candidate in all)
        {
            ArgumentNullException.ThrowIfNull(candidate, nameof(candidates));
            if (!seen.Add(candidate.Region))
            {
                throw new ArgumentException($"Follower '{candidate.Region}' is named twice.", nameof(candidates));
            }

            if (string.Equals(candidate.Region, current.Leader, StringComparison.Ordinal))
            {
                throw new ArgumentException($"'{candidate.Region}' leads {current}; it is not a follower to promote.", nameof(candidates));
            }
        }

        choice = null;
        refusal = Validate(current, all, target);
        if (refusal is not null)
        {
            return false;
        }

        var prepared = all.Where(c => c.Prepared).OrderBy(c => c.Region, StringComparer.Ordinal).ToList();
        var frontier = Frontier(prepared);
        var guaranteed = Guarantees(requirement);
        var needed = PreparedNeeded(requirement, all.Count);
        var enough = prepared.Count >= needed;
        var required = guaranteed && enough ? MayBeAcknowledged(requirement, all.Count, prepared) : frontier;
        var safe = prepared.Where(c => c.Holds(required)).ToList();
        var chosen = target is not null
            ? prepared.Single(c => string.Equals(c.Region, target, StringComparison.Ordinal))
            : safe.OrderByDescending(c => c.Holds(frontier)).ThenByDescending(c => c.Total).ThenByDescending(c => c.Region == preferred).FirstOrDefault()
                ?? prepared.OrderByDescending(c => c.Total).ThenByDescending(c => c.Region == preferred).First();
        var holdsFrontier = chosen.Holds(frontier);
        var holdsRequired = chosen.Holds(required);
        var warnings = ImmutableArray.CreateBuilder<string>();
        if (guaranteed && !(enough && holdsRequired))
        {
            var risk = !enough
                ? new FailoverRefusal(FailoverRefusalKind.TooFewPrepared, string.Create(CultureInfo.InvariantCulture,
                    $"{requirement} acknowledged writes that only {requirement.RequiredOf(all.Count)} of the {all.Count} followers had; {needed} must answer to be sure one of them holds every acknowledged write, but only {Count(prepared)} did ({Names(prepared)}; unreachable: {Names(all.Where(c => !c.Prepared))}). Promoting now could lose acknowledged writes: wait until more followers are reachable, or repeat with \"force\": true."))
                : target is not null && !safe.Contains(chosen)
                    ? new FailoverRefusal(FailoverRefusalKind.TargetBehind,
                        $"{target} lacks entries other followers received ({Behind(chosen, required, prepared)}); they may be acknowledged writes. Promote {(safe.Count > 0 ? Names(safe) : "\"auto\"")} instead, or repeat with \"force\": true.")
                    : new FailoverRefusal(FailoverRefusalKind.NoneHoldsAll,
                        $"No follower holds every write that may have been acknowledged ({string.Join("; ", prepared.Select(c => $"{c.Region}: {Behind(c, required, prepared)}"))}). Wait for the old leader, or repeat with \"force\": true.");
            if (!force)
            {
                refusal = risk;
                return false;
            }

            warnings.Add($"FORCED: {risk.Message}");
        }

        if (!holdsFrontier && (!guaranteed || (enough && holdsRequired)))
        {
            warnings.Add(guaranteed
                ? $"{chosen.Region} lacks entries another follower received ({Behind(chosen, frontier, prepared)}); none of them was acknowledged, and they go to the orphaned-writes log."
                : $"{chosen.Region} lacks entries another follower received ({Behind(chosen, frontier, prepared)}); under {requirement} they may have been acknowledged, and they go to the orphaned-writes log.");
        }

        if (!guaranteed)
        {
            warnings.Add($"{requirement} acknowledges a write before any follower has it: writes the old leader acknowledged that {chosen.Region} never received go to the orphaned-writes log.");
        }

        choice = new FailoverChoice(current, current.Next(chosen.Region), chosen, chosen.ReceivedThrough, guaranteed ? enough && holdsRequired : null, warnings.ToImmutable());
        return true;
    }

    /// <summary>Per shard, the furthest any of <paramref name="followers"/> received.</summary>
    public static ImmutableDictionary<int, long> Frontier(IEnumerable<FailoverCandidate> followers)
    {
        ArgumentNullException.ThrowIfNull(followers);
        var frontier = ImmutableDictionary.CreateBuilder<int, long>();
        foreach (var (shard, sequence) in followers.SelectMany(f => f.ReceivedThrough))
        {
            if (sequence > frontier.GetValueOrDefault(shard))
            {
                frontier[shard] = sequence;
            }
        }

        return frontier.ToImmutable();
    }

    /// <summary>
    /// Per shard, the last entry the old leader may have acknowledged, from what the prepared
    /// followers received: an entry is acknowledged once k followers have it (Sync: all of them), and
    /// the followers that did not answer may each have it too, so it may be acknowledged when at least
    /// j = k − (unprepared followers) prepared ones have it: the j-th furthest prepared position.
    /// Requires enough prepared followers (j ≥ 1).
    /// </summary>
    public static ImmutableDictionary<int, long> MayBeAcknowledged(AckRequirement requirement, int followers, IReadOnlyCollection<FailoverCandidate> prepared)
    {
        ArgumentNullException.ThrowIfNull(requirement);
        ArgumentNullException.ThrowIfNull(prepared);
        var j = requirement.RequiredOf(followers) - (followers - prepared.Count);
        if (j < 1 || j > prepared.Count)
        {
            throw new ArgumentException($"{prepared.Count} prepared of {followers} followers are too few for {requirement}.", nameof(prepared));
        }

        var shards = prepared.SelectMany(c => c.ReceivedThrough.Keys).Distinct();
        return shards
            .Select(shard => (shard, sequence: prepared.Select(c => c.ReceivedIn(shard)).OrderDescending().ElementAt(j - 1)))
            .Where(p => p.sequence > 0)
            .ToImmutableDictionary(p => p.shard, p => p.sequence);
    }

    private static FailoverRefusal? Validate(LeaderEpoch current, List<FailoverCandidate> all, string? target)
    {
        // A follower that knows a newer epoch proves a promotion already happened: learn it, do not race it.
        if (all.Where(c => c.Epoch > current.Number).MaxBy(c => c.Epoch) is { } ahead)
        {
            return new FailoverRefusal(FailoverRefusalKind.NewerEpoch, string.Create(CultureInfo.InvariantCulture,
                $"{ahead.Region} already knows epoch {ahead.Epoch}, newer than {current}: another promotion happened."));
        }

        if (target is not null && string.Equals(target, current.Leader, StringComparison.Ordinal))
        {
            return new FailoverRefusal(FailoverRefusalKind.NotAFollower, $"{target} already leads {current}.");
        }

        if (target is not null && all.Find(c => string.Equals(c.Region, target, StringComparison.Ordinal)) is null)
        {
            return new FailoverRefusal(FailoverRefusalKind.NotAFollower, $"'{target}' is not a follower of this keyspace; its followers are {Names(all)}.");
        }

        if (!all.Any(c => c.Prepared))
        {
            return new FailoverRefusal(FailoverRefusalKind.Unreachable, all.Count == 0
                ? "The keyspace has no followers to promote."
                : $"No follower could be reached to promote: {Names(all)}.");
        }

        if (target is not null && !all.Single(c => string.Equals(c.Region, target, StringComparison.Ordinal)).Prepared)
        {
            return new FailoverRefusal(FailoverRefusalKind.Unreachable, $"{target} cannot be reached, so it cannot be promoted; reachable followers: {Names(all.Where(c => c.Prepared))}.");
        }

        return null;
    }

    private static string Behind(FailoverCandidate follower, ImmutableDictionary<int, long> frontier, List<FailoverCandidate> prepared)
    {
        var gaps = frontier
            .Where(f => follower.ReceivedIn(f.Key) < f.Value)
            .OrderBy(f => f.Key)
            .Select(f => string.Create(CultureInfo.InvariantCulture,
                $"shard {f.Key} through {follower.ReceivedIn(f.Key)}, {prepared.First(p => p.ReceivedIn(f.Key) == f.Value).Region} through {f.Value}"))
            .ToList();
        return gaps.Count == 0 ? "nothing" : string.Join(", ", gaps);
    }

    private static string Count(IReadOnlyCollection<FailoverCandidate> candidates) => candidates.Count.ToString(CultureInfo.InvariantCulture);

    private static string Names(IEnumerable<FailoverCandidate> candidates)
    {
        var names = candidates.Select(c => c.Region).Order(StringComparer.Ordinal).ToList();
        return names.Count == 0 ? "none" : string.Join(", ", names);
    }
}
