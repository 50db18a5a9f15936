using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GeoStore.Core.Leadership;

namespace GeoStore.Core.Tests.Leadership;

/// <summary>The majority rule over arbitrary partitions: a minority never promotes, so two sides never both do.</summary>
public sealed class AutoFailoverVoteProperties
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan After = TimeSpan.FromSeconds(30);

    /// <summary>N regions r0..r(N-1), a leader among them, a side (0 or 1) for each, and how long each has seen the leader unreachable (seconds; negative: not observing).</summary>
    private static Gen<(string[] Regions, string Leader, int[] Side, int[] SecondsUnreachable)> PartitionGen { get; } =
        from n in Gen.Choose(1, 9)
        from leader in Gen.Choose(0, n - 1)
        from side in Gen.Choose(0, 1).ArrayOf(n)
        from seconds in Gen.Choose(-10, 90).ArrayOf(n)
        select (Enumerable.Range(0, n).Select(i => $"r{i}").ToArray(), $"r{leader}", side, seconds);

    private static AutoFailoverDecision SideDecides(string[] regions, string leader, IEnumerable<int> members, int[] seconds, DateTimeOffset now) =>
        AutoFailoverVote.Decide(
            regions,
            leader,
            members.Where(i => seconds[i] >= 0).Select(i => new LeaderUnreachableObservation(regions[i], Now.AddSeconds(-seconds[i]))),
            After,
            now);

    [Property(MaxTest = 1000)]
    public Property For_any_split_of_the_regions_at_most_one_side_may_promote() =>
        Prop.ForAll(PartitionGen.ToArbitrary(), p =>
        {
            var sides = Enumerable.Range(0, 2)
                .Select(s => SideDecides(p.Regions, p.Leader, Enumerable.Range(0, p.Regions.Length).Where(i => p.Side[i] == s), p.SecondsUnreachable, Now))
                .ToList();
            return sides.Count(d => d.Allowed) <= 1;
        });

    [Property(MaxTest = 1000)]
    public Property A_side_without_a_majority_of_all_regions_never_promotes_at_any_time() =>
        Prop.ForAll(PartitionGen.ToArbitrary(), Gen.Choose(0, 100_000).ToArbitrary(), (p, laterSeconds) =>
        {
            var members = Enumerable.Range(0, p.Regions.Length).Where(i => p.Side[i] == 0).ToList();
            var voters = members.Count(i => p.Regions[i] != p.Leader);
            var decision = SideDecides(p.Regions, p.Leader, members, p.SecondsUnreachable, Now.AddSeconds(laterSeconds));
            return voters * 2 > p.Regions.Length || !decision.Allowed;
        });

    [Property(MaxTest = 500)]
    public Property Once_allowed_a_promotion_stays_allowed_while_the_outage_lasts_and_allowed_at_says_when() =>
        Prop.ForAll(PartitionGen.ToArbitrary(), Gen.Choose(0, 120).ToArbitrary(), (p, laterSeconds) =>
        {
            var everyone = Enumerable.Range(0, p.Regions.Length);
            var now = SideDecides(p.Regions, p.Leader, everyone, p.SecondsUnreachable, Now);
            var later = SideDecides(p.Regions, p.Leader, everyone, p.SecondsUnreachable, Now.AddSeconds(laterSeconds));
            var atAllowedAt = now.AllowedAt is { } at ? SideDecides(p.Regions, p.Leader, everyone, p.SecondsUnreachable, at).Allowed : (bool?)null;
            var justBefore = now.AllowedAt is { } at2 ? SideDecides(p.Regions, p.Leader, everyone, p.SecondsUnreachable, at2.AddTicks(-1)).Allowed : (bool?)null;
            return (!now.Allowed || later.Allowed)
                && now.Allowed == (now.AllowedAt is { } a && a <= Now)
                && atAllowedAt != false
                && justBefore != true;
        });
}
