using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GeoStore.Core.Quorum;
using Shouldly;

namespace GeoStore.Core.Tests.Quorum;

public sealed class QuorumTrackerTests
{
    private static readonly string[] Regions = ["us-east", "eu-west", "ap-south"];

    [Fact]
    public void Quorum_write_is_met_by_two_acks_of_three()
    {
        var tracker = new QuorumTracker(Regions, required: 2);
        tracker.Record("us-east", success: true);
        tracker.IsMet.ShouldBeFalse();

        tracker.Record("ap-south", success: true);

        tracker.IsMet.ShouldBeTrue();
        tracker.IsImpossible.ShouldBeFalse();
        tracker.Acked.ShouldBe(["us-east", "ap-south"]);
        tracker.Pending.ShouldBe(1);
    }

    [Fact]
    public void Quorum_write_fails_fast_when_two_of_three_regions_are_cut()
    {
        var tracker = new QuorumTracker(Regions, required: 2);
        tracker.Record("eu-west", success: false);
        tracker.IsImpossible.ShouldBeFalse();

        tracker.Record("ap-south", success: false);

        tracker.IsImpossible.ShouldBeTrue();
        tracker.IsDecided.ShouldBeTrue();
        tracker.Failed.ShouldBe(["eu-west", "ap-south"]);
        tracker.Pending.ShouldBe(1);
    }

    [Fact]
    public void A_write_to_all_fails_fast_on_the_first_failure()
    {
        var tracker = new QuorumTracker(Regions, required: 3);

        tracker.Record("us-east", success: false);

        tracker.IsImpossible.ShouldBeTrue();
    }

    [Fact]
    public void A_duplicated_ack_counts_once()
    {
        var tracker = new QuorumTracker(Regions, required: 2);
        tracker.Record("us-east", success: true).ShouldBeTrue();

        tracker.Record("us-east", success: true).ShouldBeFalse();

        tracker.IsMet.ShouldBeFalse();
        tracker.Acked.ShouldBe(["us-east"]);
    }

    [Fact]
    public void A_replicas_first_answer_stands_when_a_later_one_disagrees()
    {
        var tracker = new QuorumTracker(Regions, required: 1);
        tracker.Record("eu-west", success: false);

        tracker.Record("eu-west", success: true).ShouldBeFalse();

        tracker.Acked.ShouldBeEmpty();
        tracker.Failed.ShouldBe(["eu-west"]);
    }

    [Fact]
    public void An_answer_from_a_replica_not_asked_is_a_bug_and_throws() =>
        Should.Throw<ArgumentException>(() => new QuorumTracker(Regions, 2).Record("moon", true)).Message.ShouldContain("'moon'");

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void Required_outside_one_to_n_is_refused(int required) =>
        Should.Throw<ArgumentOutOfRangeException>(() => new QuorumTracker(Regions, required));

    [Property(MaxTest = 500)]
    public Property Met_and_impossible_never_hold_together_and_one_holds_once_everyone_answered() =>
        Prop.ForAll(
            Gen.Choose(1, 7).ToArbitrary(),
            Gen.Choose(0, int.MaxValue).ToArbitrary(),
            (n, seed) =>
            {
                var random = new Random(seed);
                var replicas = Enumerable.Range(0, n).Select(i => $"r{i}").ToArray();
                var tracker = new QuorumTracker(replicas, random.Next(1, n + 1));
                var answers = new Dictionary<string, bool>();

                // Random answers with repeats, then every replica once more so that all N have answered.
                var sequence = Enumerable.Range(0, random.Next(0, 3 * n)).Select(_ => replicas[random.Next(n)]).Concat(replicas);
                foreach (var replica in sequence)
                {
                    var success = random.Next(2) == 0;
                    var counted = tracker.Record(replica, success);
                    if (counted != answers.TryAdd(replica, success) || (tracker.IsMet && tracker.IsImpossible))
                    {
                        return false;
                    }

                    if (tracker.IsMet != (answers.Count(a => a.Value) >= tracker.Required))
                    {
                        return false;
                    }
                }

                return (tracker.IsMet ^ tracker.IsImpossible)
                    && tracker.Pending == 0
                    && tracker.Acked.ToHashSet().SetEquals(answers.Where(a => a.Value).Select(a => a.Key))
                    && tracker.Failed.ToHashSet().SetEquals(answers.Where(a => !a.Value).Select(a => a.Key));
            });
}
