using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GeoStore.Core.Leadership;

namespace GeoStore.Core.Tests.Leadership;

/// <summary>The fencing rule over arbitrary epochs and arbitrary message orders.</summary>
public sealed class FencingProperties
{
    private static readonly string[] Regions = ["us-east", "eu-west", "ap-south"];

    private static Gen<LeaderEpoch> EpochGen { get; } =
        Gen.Choose(1, 8).SelectMany(n => Gen.Elements(Regions).Select(leader => new LeaderEpoch(n, leader)));

    private static Arbitrary<LeaderEpoch> Epochs() => EpochGen.ToArbitrary();

    [Property(MaxTest = 500)]
    public Property A_replicas_epoch_only_grows_whatever_order_messages_arrive_in() =>
        Prop.ForAll(
            Epochs(),
            EpochGen.ListOf().ToArbitrary(),
            (start, messages) =>
            {
                var known = start;
                foreach (var carried in messages)
                {
                    var next = Fencing.Check(known, carried).Current;
                    if (next.Number < known.Number || (next.Number == known.Number && next != known))
                    {
                        return false;
                    }

                    known = next;
                }

                return known.Number == Math.Max(start.Number, messages.Select(m => m.Number).DefaultIfEmpty(0).Max());
            });

    [Property(MaxTest = 500)]
    public Property A_stale_epoch_is_always_rejected_and_leaves_the_replica_unchanged() =>
        Prop.ForAll(
            Epochs(),
            Epochs(),
            (known, carried) =>
            {
                var decision = Fencing.Check(known, carried);
                return carried.Number >= known.Number
                    || (decision.Verdict == FencingVerdict.RejectStale && !decision.IsAccepted && decision.Current == known && decision.Problem is not null);
            });

    [Property(MaxTest = 500)]
    public Property Accepting_is_idempotent_the_same_message_again_is_a_plain_accept() =>
        Prop.ForAll(
            Epochs(),
            Epochs(),
            (known, carried) =>
            {
                var first = Fencing.Check(known, carried);
                if (!first.IsAccepted)
                {
                    return true;
                }

                var again = Fencing.Check(first.Current, carried);
                return again.Verdict == FencingVerdict.Accept && again.Current == first.Current && first.Current == carried;
            });

    [Property(MaxTest = 500)]
    public Property A_message_is_accepted_exactly_when_its_epoch_is_the_newest_either_side_has_seen() =>
        Prop.ForAll(
            Epochs(),
            Epochs(),
            (known, carried) => Fencing.Check(known, carried).IsAccepted == (carried.Number > known.Number || carried == known));
}
