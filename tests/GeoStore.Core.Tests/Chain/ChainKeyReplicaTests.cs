using System.Text;
using GeoStore.Core.Chain;
using GeoStore.Core.Clocks;
using GeoStore.Core.Versioning;
using Shouldly;

namespace GeoStore.Core.Tests.Chain;

/// <summary>One key at one chain member: fencing, numbering, resends, acknowledgements, a new tail, copying on rejoin.</summary>
public sealed class ChainKeyReplicaTests
{
    private static readonly ChainMembership Chain = ChainMembership.Initial(["us-east", "eu-west", "ap-south"]);

    private static ChainWrite Write(string value, long wallMs) =>
        new(Guid.NewGuid(), new VersionedValue(new WriteVersion(new HybridTimestamp(wallMs, 0), "us-east"), Encoding.UTF8.GetBytes(value), "text/plain"));

    private static string? Text(CraqRead<ChainWrite> read) => read.Version > 0 && read.Value!.Value.Value is { } bytes ? Encoding.UTF8.GetString(bytes) : null;

    private static (ChainKeyReplica Head, ChainKeyReplica Middle, ChainKeyReplica Tail) Fresh() =>
        (ChainKeyReplica.Empty("us-east").Adopt(Chain), ChainKeyReplica.Empty("eu-west").Adopt(Chain), ChainKeyReplica.Empty("ap-south").Adopt(Chain));

    [Fact]
    public void A_write_is_numbered_at_the_head_dirty_until_the_tail_holds_it_and_clean_after()
    {
        var (head, middle, tail) = Fresh();

        (head, var receipt) = head.Accept(Write("a", 1));
        receipt.Sequence.ShouldBe(1);
        head.Key.ReadLocally().MustAskTail.ShouldBeTrue();

        middle = middle.Receive(head.Pending).Replica;
        tail = tail.Receive(middle.Pending).Replica;
        tail.Node.AcknowledgedThrough.ShouldBe(1, "the tail acknowledges what it applies");
        Text(tail.Key.ReadLocally()).ShouldBe("a");

        middle = middle.Acknowledge(tail.Node.ReceivedThrough);
        head = head.Acknowledge(tail.Node.ReceivedThrough);
        head.Pending.ShouldBeEmpty();
        Text(head.Key.ReadLocally()).ShouldBe("a");
        Text(middle.Key.ReadLocally()).ShouldBe("a");
    }

    [Fact]
    public void A_resend_changes_nothing()
    {
        var (head, middle, _) = Fresh();
        (head, _) = head.Accept(Write("a", 1));
        (head, _) = head.Accept(Write("b", 2));

        var once = middle.Receive(head.Pending);
        var twice = once.Replica.Receive(head.Pending);

        once.Applied.ShouldBe(2);
        twice.Applied.ShouldBe(0);
        twice.Replica.ShouldBe(once.Replica);
    }

    [Fact]
    public void An_update_past_a_missing_one_stops_at_the_gap()
    {
        var (head, middle, _) = Fresh();
        (head, _) = head.Accept(Write("a", 1));
        (head, _) = head.Accept(Write("b", 2));

        var received = middle.Receive([head.Pending[1]]);

        received.Gap.ShouldBeTrue();
        received.Replica.Node.ReceivedThrough.ShouldBe(0);
    }

    [Fact]
    public void A_message_under_an_older_chain_is_stale_and_one_without_this_member_is_foreign()
    {
        var next = Chain.Without("ap-south");
        var middle = ChainKeyReplica.Empty("eu-west").Adopt(next);

        middle.Check(Chain).ShouldBe(ChainFencing.Stale);
        middle.Check(next).ShouldBe(ChainFencing.Current);
        middle.Check(next.Without("us-east")).ShouldBe(ChainFencing.Newer);
        ChainKeyReplica.Empty("ap-south").Adopt(Chain).Check(next).ShouldBe(ChainFencing.Foreign);
    }

    [Fact]
    public void A_member_that_becomes_the_tail_commits_everything_it_holds()
    {
        var (head, middle, _) = Fresh();
        (head, _) = head.Accept(Write("a", 1));
        middle = middle.Receive(head.Pending).Replica;
        middle.Key.ReadLocally().MustAskTail.ShouldBeTrue("the old tail never acknowledged it");

        middle = middle.Adopt(Chain.Without("ap-south"));

        middle.IsTail.ShouldBeTrue();
        middle.Pending.ShouldBeEmpty();
        Text(middle.Key.ReadLocally()).ShouldBe("a");
    }

    [Fact]
    public void A_write_is_found_by_its_id_so_a_retry_is_not_numbered_twice()
    {
        var (head, _, _) = Fresh();
        var write = Write("a", 1);
        (head, var receipt) = head.Accept(write);

        head.Find(write.WriteId).ShouldBe(receipt);
        head.Find(Guid.NewGuid()).ShouldBeNull();
    }

    [Fact]
    public void Only_the_latest_writes_are_remembered_by_id()
    {
        var head = ChainKeyReplica.Empty("us-east").Adopt(ChainMembership.Initial(["us-east"]));
        var first = Write("first", 1);
        (head, _) = head.Accept(first);
        for (var i = 0; i < ChainKeyReplica.RecentLimit; i++)
        {
            (head, _) = head.Accept(Write($"w{i}", i + 2));
        }

        head.Recent.Length.ShouldBe(ChainKeyReplica.RecentLimit);
        head.Find(first.WriteId).ShouldBeNull();
    }

    [Fact]
    public void A_rejoined_member_drops_its_old_history_for_a_copy_of_its_predecessors()
    {
        // us-east headed v1 and took "lost" alone; it was removed, the new head numbered "kept" in its place.
        var (oldHead, middle, _) = Fresh();
        (oldHead, _) = oldHead.Accept(Write("lost", 1));
        var v2 = Chain.Without("us-east");
        middle = middle.Adopt(v2);
        (middle, _) = middle.Accept(Write("kept", 2));
        var v3 = v2.WithAppended("us-east");
        middle = middle.Adopt(v3);

        oldHead.MustCopy(v3).ShouldBeTrue();
        var rejoined = oldHead.CopiedFrom(middle, v3);

        rejoined.MustCopy(v3).ShouldBeFalse();
        rejoined.Node.ReceivedThrough.ShouldBe(1);
        rejoined.IsTail.ShouldBeTrue();
        Text(rejoined.Key.ReadLocally()).ShouldBe("kept");
    }

    [Fact]
    public void A_replica_survives_a_round_trip()
    {
        var (head, _, _) = Fresh();
        (head, _) = head.Accept(Write("a", 1));

        var copy = CoreSerializer.RoundTrip(head);

        // Values are byte arrays (compared by reference in records): compare the parts and the bytes.
        (copy.Region, copy.Membership, copy.Node).ShouldBe((head.Region, head.Membership, head.Node));
        copy.Recent.ShouldBe(head.Recent);
        copy.Pending.Select(u => (u.Version, u.Value.WriteId, Encoding.UTF8.GetString(u.Value.Value.Value!)))
            .ShouldBe(head.Pending.Select(u => (u.Version, u.Value.WriteId, "a")));
    }
}
