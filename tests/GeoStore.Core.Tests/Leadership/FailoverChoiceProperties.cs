using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GeoStore.Core.Leadership;

namespace GeoStore.Core.Tests.Leadership;

/// <summary>Failover choices over arbitrary follower sets.</summary>
public sealed class FailoverChoiceProperties
{
    private static readonly LeaderEpoch Current = new(5, "leader");

    private static Gen<FailoverCandidate[]> CandidatesGen { get; } =
        Gen.Choose(1, 6).SelectMany(n =>
            (from reachable in Gen.Elements(true, false)
             from epoch in Gen.Choose(4, 5)
             from received in Gen.Choose(0, 10)
             from applied in Gen.Choose(0, received)
             select (reachable, epoch, received, applied))
                .ArrayOf(n)
                .Select(rows => rows
                    .Select((r, i) => new FailoverCandidate($"f{i}", r.reachable, new LogPosition(r.epoch, r.received), r.applied, 5))
                    .ToArray()));

    [Property(MaxTest = 500)]
    public Property The_chosen_follower_is_reachable_and_no_reachable_follower_is_more_up_to_date() =>
        Prop.ForAll(CandidatesGen.ToArbitrary(), candidates =>
        {
            var chosen = FailoverChoice.TryChoose(Current, AckRequirement.Async, candidates, null, null, out var choice, out _);
            if (!chosen)
            {
                return candidates.All(c => !c.Reachable);
            }

            return choice!.Target.Reachable
                && choice.Target == choice.Best
                && candidates.Where(c => c.Reachable).All(c => FailoverCandidate.MostUpToDateFirst.Compare(choice.Target, c) <= 0)
                && choice.NewEpoch == new LeaderEpoch(Current.Number + 1, choice.Target.Region);
        });

    [Property(MaxTest = 300)]
    public Property The_choice_does_not_depend_on_the_order_candidates_are_listed_in() =>
        Prop.ForAll(CandidatesGen.ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(), (candidates, seed) =>
        {
            var shuffled = candidates.ToArray();
            new Random(seed).Shuffle(shuffled);
            FailoverChoice.TryChoose(Current, AckRequirement.Async, candidates, null, null, out var a, out _);
            FailoverChoice.TryChoose(Current, AckRequirement.Async, shuffled, null, null, out var b, out _);
            return a?.Target == b?.Target;
        });

    [Property(MaxTest = 500)]
    public Property Under_semi_sync_a_write_acknowledged_by_k_followers_survives_while_fewer_than_k_are_unreachable() =>
        Prop.ForAll(
            Gen.Choose(1, 6).SelectMany(n => Gen.Choose(1, n).Select(k => (n, k))).ToArbitrary(),
            Gen.Choose(0, int.MaxValue).ToArbitrary(),
            (shape, seed) =>
            {
                var (n, k) = shape;
                var random = new Random(seed);
                const long acknowledged = 20;

                // k followers received the acknowledged write; the rest may lag or not.
                var holders = Enumerable.Range(0, n).OrderBy(_ => random.Next()).Take(k).ToHashSet();
                var unreachable = Enumerable.Range(0, n).OrderBy(_ => random.Next()).Take(random.Next(0, k)).ToHashSet();
                var candidates = Enumerable.Range(0, n)
                    .Select(i =>
                    {
                        var received = holders.Contains(i) ? random.Next(20, 26) : random.Next(0, 20);
                        return new FailoverCandidate($"f{i}", !unreachable.Contains(i), new LogPosition(5, received), random.Next(0, received + 1), 5);
                    })
                    .ToArray();

                return FailoverChoice.TryChoose(Current, AckRequirement.SemiSync(k), candidates, null, null, out var choice, out _)
                    && choice.Target.Received.Sequence >= acknowledged
                    && choice.CoversAcknowledged == true;
            });
}
