using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace GeoStore.Core.Leadership;

/// <summary>
/// The follower a failover promotes and what that costs. <paramref name="NewEpoch"/> is the epoch the
/// promotion must make durable before <paramref name="Target"/> takes writes; <paramref name="Best"/>
/// is the most up-to-date reachable follower (the target itself unless an operator named another).
/// </summary>
/// <param name="From">The epoch being replaced.</param>
/// <param name="NewEpoch">The next epoch, led by the target.</param>
/// <param name="Target">The follower to promote.</param>
/// <param name="Best">The most up-to-date reachable follower.</param>
/// <param name="CoversAcknowledged">
/// True when the target holds every acknowledged write, false when it lacks some (they reach the
/// orphaned-writes log, not the new leader), null when that cannot be known.
/// </param>
/// <param name="Warnings">
/// What an operator should hear about this promotion; empty only when the target is the best
/// follower and is known to hold every acknowledged write.
/// </param>
[GenerateSerializer, Immutable]
public sealed record FailoverChoice(
    [property: Id(0)] LeaderEpoch From,
    [property: Id(1)] LeaderEpoch NewEpoch,
    [property: Id(2)] FailoverCandidate Target,
    [property: Id(3)] FailoverCandidate Best,
    [property: Id(4)] bool? CoversAcknowledged,
    [property: Id(5)] ImmutableArray<string> Warnings)
{
    /// <summary>True when the target has received less than the best reachable follower.</summary>
    public bool IsBehindBest => Target.Received < Best.Received;

    /// <summary>
    /// Chooses whom to promote out of <paramref name="current"/>: <paramref name="target"/> when an
    /// operator names one (it must be a reachable follower), otherwise the most up-to-date reachable
    /// follower by <see cref="FailoverCandidate.MostUpToDateFirst"/>.
    /// </summary>
    /// <param name="current">The epoch being replaced; its leader is not a candidate.</param>
    /// <param name="requirement">The keyspace's ack requirement, which says what was acknowledged without the leader's word.</param>
    /// <param name="candidates">Every follower of the keyspace, reachable or not, each once.</param>
    /// <param name="lastAcknowledged">
    /// The last write the old leader acknowledged, when known (e.g. it is reachable, or reported it
    /// before it went away). Without it, SemiSync with <see cref="SemiSyncFallback.Fail"/> and Sync
    /// still know whether the choice covers every acknowledged write.
    /// </param>
    /// <param name="target">The follower an operator asks to promote, or null to choose.</param>
    /// <returns>False with a reason when no follower can be promoted.</returns>
    /// <exception cref="ArgumentException">A candidate is named twice or is the current leader.</exception>
    public static bool TryChoose(
        LeaderEpoch current,
        AckRequirement requirement,
        IEnumerable<FailoverCandidate> candidates,
        LogPosition? lastAcknowledged,
        string? target,
        [NotNullWhen(true)] out FailoverChoice? choice,
        [NotNullWhen(false)] out string? error)
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
        // A follower that knows a newer epoch proves a promotion already happened: learn it, do not race it.
        if (all.Where(c => c.Epoch > current.Number).MaxBy(c => c.Epoch) is { } ahead)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"{ahead.Region} already knows epoch {ahead.Epoch}, newer than {current}: another promotion happened; learn that epoch instead of promoting.");
            return false;
        }

        var reachable = all.Where(c => c.Reachable).Order(FailoverCandidate.MostUpToDateFirst).ToList();
        if (target is not null && string.Equals(target, current.Leader, StringComparison.Ordinal))
        {
            error = $"{target} already leads {current}.";
            return false;
        }

        if (target is not null && all.Find(c => string.Equals(c.Region, target, StringComparison.Ordinal)) is null)
        {
            error = $"'{target}' is not a follower of this keyspace; its followers are {Names(all)}.";
            return false;
        }

        if (reachable.Count == 0)
        {
            error = all.Count == 0
                ? "The keyspace has no followers to promote."
                : $"No follower is reachable to promote: {Names(all)} cannot be reached.";
            return false;
        }

        var best = reachable[0];
        var chosen = target is null ? best : reachable.Find(c => string.Equals(c.Region, target, StringComparison.Ordinal));
        if (chosen is null)
        {
            error = $"{target} cannot be reached, so it cannot be promoted; reachable followers: {Names(reachable)}.";
            return false;
        }

        var unreachable = all.Count - reachable.Count;
        bool? covers = lastAcknowledged is { } acknowledged
            ? chosen.Received >= acknowledged
            : requirement switch
            {
                // Sync acknowledged only what every follower applied, so any follower holds it all.
                { Mode: AckMode.Sync } => true,
                // Each acknowledged write reached k followers; with fewer than k unreachable, a reachable one
                // holds it, and no reachable follower has received more than the best. A fallback breaks this.
                { Mode: AckMode.SemiSync, Fallback: SemiSyncFallback.Fail } when unreachable < requirement.SemiSyncAcks && chosen.Received >= best.Received => true,
                _ => null,
            };

        var warnings = ImmutableArray.CreateBuilder<string>();
        if (chosen.Received < best.Received)
        {
            warnings.Add($"{chosen.Region} is behind {best.Region} (received through {chosen.Received} against {best.Received}); what it lacks goes to the orphaned-writes log.");
        }

        if (covers == false)
        {
            warnings.Add($"{chosen.Region} lacks acknowledged writes (acknowledged through {lastAcknowledged}, received through {chosen.Received}); they go to the orphaned-writes log instead of the new leader.");
        }
        else if (covers is null)
        {
            warnings.Add($"Whether {chosen.Region} holds every write {requirement} acknowledged is unknown; writes it lacks go to the orphaned-writes log.");
        }

        choice = new FailoverChoice(current, current.Next(chosen.Region), chosen, best, covers, warnings.ToImmutable());
        error = null;
        return true;
    }

    private static string Names(IEnumerable<FailoverCandidate> candidates) =>
        string.Join(", ", candidates.Select(c => c.Region).Order(StringComparer.Ordinal));
}
