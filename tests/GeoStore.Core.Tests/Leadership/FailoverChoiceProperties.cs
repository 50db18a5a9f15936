using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GeoStore.Core.Leadership;

namespace GeoStore.Core.Tests.Leadership;

/// <summary>
/// Failover choices against a model of a sharded leader log: each follower received a prefix of each
/// shard; a write is acknowledged when the mode's followers received it (SemiSync(k): k of them;
/// Sync: all); a random set of followers answered the prepare.
/// </summary>
public sealed class FailoverChoiceProperties
{
    private static readonly LeaderEpoch Current = new(5, "leader");

    private sealed record World(int Shards, long[][] Received, bool[] Prepared, AckRequirement Requirement)
    {
        public int Followers => Received.Length;

        public FailoverCandidate[] Candidates => [.. Received.Select((shards, f) => new FailoverCandidate(
            $"f{f}", Prepared[f],
            Prepared[f] ? shards.Select((s, i) => (s, i)).Where(p => p.s > 0).ToImmutableDictionary(p => p.i, p => p.s) : ImmutableDictionary<int, long>.Empty,
            5))];

        /// <summary>Every (shard, sequence) the old leader acknowledged under the requirement.</summary>
        public IEnumerable<(int Shard, long Sequence)> Acknowledged()
        {
            var needed = Requirement.RequiredOf(Followers);
            for (var shard = 0; shard < Shards; shard++)
            {
                var top = Received.Max(f => f[shard]);
                for (var sequence = 1L; sequence <= top; sequence++)
                {
                    if (Received.Count(f => f[shard] >= sequence) >= needed)
                    {
                        yield return (shard, sequence);
                    }
                }
            }
        }
    }

    private static Gen<World> WorldGen { get; } =
        from followers in Gen.Choose(1, 5)
        from shards in Gen.Choose(1, 4)
        from mode in Gen.Elements(AckMode.SemiSync, AckMode.Sync)
        from k in Gen.Choose(1, followers)
        from received in Gen.Choose(0, 6).Select(n => (long)n).ArrayOf(shards).ArrayOf(followers)
        from prepared in Gen.Elements(true, true, false).ArrayOf(followers)
        select new World(shards, received, prepared, mode == AckMode.Sync ? AckRequirement.Sync : AckRequirement.SemiSync(k));

    [Property(MaxTest = 1000)]
    public Property An_unforced_failover_under_a_guarantee_promotes_a_follower_that_holds_every_acknowledged_write() =>
        Prop.ForAll(WorldGen.ToArbitrary(), world =>
        {
            if (!FailoverChoice.TryChoose(Current, world.Requirement, world.Candidates, null, force: false, out var choice, out _))
            {
                return true;
            }

            var target = int.Parse(choice.Target.Region[1..], System.Globalization.CultureInfo.InvariantCulture);
            return choice.CoversAcknowledged == true
                && world.Prepared[target]
                && world.Acknowledged().All(w => world.Received[target][w.Shard] >= w.Sequence)
                && choice.Fork.All(f => world.Received[target][f.Key] == f.Value);
        });

    [Property(MaxTest = 1000)]
    public Property With_enough_followers_prepared_and_one_at_the_frontier_an_unforced_failover_always_promotes() =>
        Prop.ForAll(WorldGen.ToArbitrary(), world =>
        {
            var prepared = world.Candidates.Where(c => c.Prepared).ToList();
            var frontier = FailoverChoice.Frontier(prepared);
            var possible = prepared.Count >= FailoverChoice.PreparedNeeded(world.Requirement, world.Followers) && prepared.Any(c => c.Holds(frontier));
            return !possible || FailoverChoice.TryChoose(Current, world.Requirement, world.Candidates, null, force: false, out _, out _);
        });

    [Property(MaxTest = 500)]
    public Property Under_sync_with_every_follower_prepared_an_unforced_failover_always_promotes() =>
        Prop.ForAll(WorldGen.ToArbitrary(), world =>
        {
            var all = world with { Prepared = [.. world.Prepared.Select(_ => true)], Requirement = AckRequirement.Sync };
            return FailoverChoice.TryChoose(Current, all.Requirement, all.Candidates, null, force: false, out var choice, out _)
                && choice.CoversAcknowledged == true;
        });

    [Property(MaxTest = 500)]
    public Property Forced_there_is_always_a_promotion_when_someone_answered_and_it_never_claims_more_than_it_knows() =>
        Prop.ForAll(WorldGen.ToArbitrary(), world =>
        {
            var chosen = FailoverChoice.TryChoose(Current, world.Requirement, world.Candidates, null, force: true, out var choice, out _);
            if (!world.Prepared.Any(p => p))
            {
                return !chosen;
            }

            var target = int.Parse(choice!.Target.Region[1..], System.Globalization.CultureInfo.InvariantCulture);
            var holdsAll = world.Acknowledged().All(w => world.Received[target][w.Shard] >= w.Sequence);
            return chosen && (choice.CoversAcknowledged != true || holdsAll);
        });

    [Property(MaxTest = 300)]
    public Property The_choice_does_not_depend_on_the_order_candidates_are_listed_in() =>
        Prop.ForAll(WorldGen.ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(), (world, seed) =>
        {
            var candidates = world.Candidates;
            var shuffled = candidates.ToArray();
            new Random(seed).Shuffle(shuffled);
            FailoverChoice.TryChoose(Current, AckRequirement.Async, candidates, null, false, out var a, out _);
            FailoverChoice.TryChoose(Current, AckRequirement.Async, shuffled, null, false, out var b, out _);
            return a?.Target.Region == b?.Target.Region;
        });
}
