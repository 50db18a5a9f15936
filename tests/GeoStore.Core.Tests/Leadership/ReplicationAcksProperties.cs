using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GeoStore.Core.Leadership;

namespace GeoStore.Core.Tests.Leadership;

/// <summary>The ack rules over arbitrary follower positions: stronger modes imply weaker ones, and progress never un-acknowledges.</summary>
public sealed class ReplicationAcksProperties
{
    private static readonly LeaderEpoch Epoch = new(1, "leader");

    /// <summary>A follower count, a sequence, and for each follower (received, applied ≤ received) around it.</summary>
    private static Gen<(long Sequence, (long Received, long Applied)[] Positions)> ScenarioGen { get; } =
        Gen.Choose(1, 5).SelectMany(n => Gen.Choose(1, 10).SelectMany(s =>
            Gen.Choose(0, 12).SelectMany(received => Gen.Choose(0, received).Select(applied => ((long)received, (long)applied)))
                .ArrayOf(n)
                .Select(positions => ((long)s, positions))));

    private static string[] Names(int n) => [.. Enumerable.Range(0, n).Select(i => $"f{i}")];

    private static WriteReach Evaluate(AckRequirement requirement, long sequence, (long Received, long Applied)[] positions, bool timedOut = false)
    {
        var names = Names(positions.Length);
        return ReplicationAcks.Evaluate(
            requirement,
            Epoch,
            sequence,
            names,
            positions.Select((p, i) => new FollowerPosition(names[i], p.Received, p.Applied)),
            timedOut);
    }

    [Property(MaxTest = 500)]
    public Property Sync_implies_every_semi_sync_k_which_implies_async_for_the_same_positions() =>
        Prop.ForAll(ScenarioGen.ToArbitrary(), scenario =>
        {
            var (sequence, positions) = scenario;
            var sync = Evaluate(AckRequirement.Sync, sequence, positions).IsAcknowledged;
            var async = Evaluate(AckRequirement.Async, sequence, positions).IsAcknowledged;
            return Enumerable.Range(1, positions.Length).All(k =>
            {
                var semi = Evaluate(AckRequirement.SemiSync(k), sequence, positions).IsAcknowledged;
                return (!sync || semi) && (!semi || async)
                    && (k == 1 || !semi || Evaluate(AckRequirement.SemiSync(k - 1), sequence, positions).IsAcknowledged);
            });
        });

    [Property(MaxTest = 500)]
    public Property Advancing_any_followers_positions_never_takes_back_an_acknowledgement() =>
        Prop.ForAll(
            ScenarioGen.ToArbitrary(),
            Gen.Choose(0, int.MaxValue).ToArbitrary(),
            Gen.Elements(AckMode.Async, AckMode.SemiSync, AckMode.Sync).ToArbitrary(),
            (scenario, seed, mode) =>
            {
                var (sequence, positions) = scenario;
                var random = new Random(seed);
                var requirement = new AckRequirement(mode, random.Next(1, positions.Length + 1));
                var advanced = positions
                    .Select(p =>
                    {
                        var received = p.Received + random.Next(0, 4);
                        return (received, Math.Min(received, p.Applied + random.Next(0, 4)));
                    })
                    .ToArray();

                var before = Evaluate(requirement, sequence, positions);
                var after = Evaluate(requirement, sequence, advanced);
                return (!before.IsAcknowledged || after.IsAcknowledged)
                    && before.Received.All(after.Received.Contains)
                    && before.Applied.All(after.Applied.Contains)
                    && after.Missing.All(before.Missing.Contains);
            });

    [Property(MaxTest = 500)]
    public Property A_timeout_decides_every_write_and_degrades_only_semi_sync_writes_that_fall_back() =>
        Prop.ForAll(
            ScenarioGen.ToArbitrary(),
            Gen.Elements(AckMode.Async, AckMode.SemiSync, AckMode.Sync).ToArbitrary(),
            Gen.Elements(SemiSyncFallback.Fail, SemiSyncFallback.Async).ToArbitrary(),
            (scenario, mode, fallback) =>
            {
                var (sequence, positions) = scenario;
                var requirement = new AckRequirement(mode, 1, fallback);
                var before = Evaluate(requirement, sequence, positions);
                var after = Evaluate(requirement, sequence, positions, timedOut: true);
                var fallsBack = mode == AckMode.SemiSync && fallback == SemiSyncFallback.Async;
                return after.Status != AckStatus.Waiting
                    && (!before.IsAcknowledged || (after.IsAcknowledged && !after.Degraded))
                    && after.Degraded == (fallsBack && !before.IsAcknowledged)
                    && (after.Status == AckStatus.Failed) == (!before.IsAcknowledged && !fallsBack)
                    && (after.IsAcknowledged == (after.Problem is null) || after.Degraded);
            });
}
