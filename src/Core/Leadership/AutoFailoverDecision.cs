using System.Collections.Immutable;

namespace GeoStore.Core.Leadership;

/// <summary>
/// Whether the regions heard from may promote a new leader on their own (see <see cref="AutoFailoverVote"/>).
/// </summary>
/// <param name="Allowed">True when at least <paramref name="Needed"/> voters have seen the leader unreachable long enough.</param>
/// <param name="Needed">Votes a promotion needs: a majority of every replica region, the leader's included.</param>
/// <param name="Voters">Follower regions whose observation has lasted the configured time, ordinal order.</param>
/// <param name="Waiting">Follower regions that observe the outage but not yet for long enough, ordinal order.</param>
/// <param name="AllowedAt">
/// When the current observations will (or did) allow a promotion if none is withdrawn; null when
/// there are too few observers for any time to be enough.
/// </param>
/// <param name="Reason">Why it is or is not allowed, for logs and the admin API.</param>
[GenerateSerializer, Immutable]
public sealed record AutoFailoverDecision(
    [property: Id(0)] bool Allowed,
    [property: Id(1)] int Needed,
    [property: Id(2)] ImmutableArray<string> Voters,
    [property: Id(3)] ImmutableArray<string> Waiting,
    [property: Id(4)] DateTimeOffset? AllowedAt,
    [property: Id(5)] string Reason);
