using System.Collections.Immutable;
using System.Text;
using GeoStore.Abstractions.Errors;
using GeoStore.Abstractions.Messages;
using GeoStore.Core.Chain;
using GeoStore.Core.Clocks;
using GeoStore.Core.Versioning;
using GeoStore.Core.Wan;
using GeoStore.Testing;
using Shouldly;
using static GeoStore.Cluster.Tests.Chain.ChainFixture;

namespace GeoStore.Cluster.Tests.Chain;

/// <summary>Chain replication without failures: head to tail, CRAQ reads, resends that change nothing, stale chains refused.</summary>
[Collection(ChainCollection.Name)]
public sealed class ChainReplicationTests(ChainFixture fixture)
{
    private GeoCluster Geo => fixture.Geo;

    [Fact]
    public async Task A_write_is_taken_by_the_head_acknowledged_by_the_tail_and_held_by_every_member_when_it_is_answered()
    {
        var keyspace = await fixture.KeyspaceAsync();

        var written = await fixture.PutAsync(West, keyspace, "k", "v1");

        written.Status.ShouldBe(WriteStatus.Applied);
        written.Region.ShouldBe(East, "the head takes every write, wherever the client is");
        written.Chain.ShouldNotBeNull();
        written.Chain.Version.ShouldBe(1);
        written.Chain.Members.ShouldBe([East, West, South]);
        written.Chain.ServedBy.ShouldBe(South, "the tail acknowledges");
        written.Chain.Sequence.ShouldBe(1);
        foreach (var region in Geo.Regions)
        {
            // No waiting: the answer came back through every member.
            var replica = await fixture.Replica(region, keyspace, "k").Inspect();
            replica.Node.ReceivedThrough.ShouldBe(1, $"{region} holds the write when it is acknowledged");
            (await fixture.HeldAsync(region, keyspace, "k")).ShouldBe("v1");
        }

        foreach (var region in Geo.Regions)
        {
            var read = await fixture.GetAsync(region, keyspace, "k");
            Text(read).ShouldBe("v1", $"a read from {region} sees the acknowledged write");
            read.Value!.Version.ShouldBe(written.Version);
            read.Chain!.Version.ShouldBe(1);
        }
    }

    [Fact]
    public async Task A_region_outside_the_chain_reads_at_the_tail()
    {
        var keyspace = await fixture.KeyspaceAsync("pair", East, West);
        await fixture.PutAsync(South, keyspace, "k", "v1");

        var read = await fixture.GetAsync(South, keyspace, "k");

        Text(read).ShouldBe("v1");
        read.Region.ShouldBe(West);
        read.Chain!.ServedBy.ShouldBe(West);
        read.Chain.AskedTail.ShouldBeFalse();
    }

    [Fact]
    public async Task Deletes_and_conditional_writes_are_decided_at_the_head()
    {
        var keyspace = await fixture.KeyspaceAsync();
        var first = await fixture.PutAsync(South, keyspace, "k", "v1");

        var stale = await Geo.Coordinator(West).Write(new WriteCommand(keyspace, "k", Encoding.UTF8.GetBytes("v2"), "text/plain", new WriteCondition(["\"1.0@nowhere\""], false, false)));
        stale.Status.ShouldBe(WriteStatus.PreconditionFailed);
        stale.Version.ShouldBe(first.Version);

        var matching = await Geo.Coordinator(West).Write(new WriteCommand(keyspace, "k", Encoding.UTF8.GetBytes("v2"), "text/plain", new WriteCondition([first.Version!.ToETag()], false, false)));
        matching.Status.ShouldBe(WriteStatus.Applied);
        matching.Version!.CompareTo(first.Version).ShouldBePositive();

        await Geo.Coordinator(South).Write(new WriteCommand(keyspace, "k", null, null, WriteCondition.None));
        foreach (var region in Geo.Regions)
        {
            (await fixture.GetAsync(region, keyspace, "k")).Found.ShouldBeFalse($"{region} reads the delete");
        }
    }

    [Fact]
    public async Task A_member_holding_an_uncommitted_version_asks_the_tail_and_answers_the_committed_one()
    {
        var keyspace = await fixture.KeyspaceAsync();
        await fixture.PutAsync(East, keyspace, "k", "old");
        await Geo.SetLinkAsync(West, South, new WanLink(LatencyMs: 1500));
        try
        {
            var slow = fixture.PutAsync(East, keyspace, "k", "new");
            await Eventually.HoldsAsync(async () => (await fixture.Replica(West, keyspace, "k").Inspect()).Node.ReceivedThrough == 2,
                "the middle holds the new version, on its way to the tail");

            // The head holds it too; its link to the tail is fast, the middle's is slow.
            var read = await fixture.GetAsync(East, keyspace, "k");
            Text(read).ShouldBe("old", "the tail has not committed the new version yet");
            read.Chain!.ServedBy.ShouldBe(East);
            read.Chain.AskedTail.ShouldBeTrue("a dirty key asks the tail (CRAQ)");

            (await slow).Chain!.Sequence.ShouldBe(2);
            var after = await fixture.GetAsync(East, keyspace, "k");
            Text(after).ShouldBe("new");
            after.Chain!.AskedTail.ShouldBeFalse("the acknowledgement made it clean");
        }
        finally
        {
            await Geo.SetLinkAsync(West, South, WanLink.Healthy);
        }
    }

    [Fact]
    public async Task An_update_delivered_twice_changes_nothing_the_second_time()
    {
        var keyspace = await fixture.KeyspaceAsync();
        var chain = await fixture.ChainAsync(keyspace);
        var update = new CraqVersion<ChainWrite>(1, new ChainWrite(Guid.NewGuid(), Value("once")));

        var first = await fixture.Replica(West, keyspace, "k").Forward(chain, [update]);
        var middle = await fixture.Replica(West, keyspace, "k").Inspect();
        var tail = await fixture.Replica(South, keyspace, "k").Inspect();
        var second = await fixture.Replica(West, keyspace, "k").Forward(chain, [update]);

        (first, second).ShouldBe((1L, 1L), "the tail holds it through 1 either way");
        Same(await fixture.Replica(West, keyspace, "k").Inspect(), middle);
        Same(await fixture.Replica(South, keyspace, "k").Inspect(), tail);
        (await fixture.HeldAsync(South, keyspace, "k")).ShouldBe("once");
    }

    [Fact]
    public async Task A_write_sent_again_with_the_same_id_keeps_its_number()
    {
        var keyspace = await fixture.KeyspaceAsync();
        var chain = await fixture.ChainAsync(keyspace);
        var head = fixture.Replica(East, keyspace, "k");
        var command = new WriteCommand(keyspace, "k", Encoding.UTF8.GetBytes("v"), "text/plain", WriteCondition.None);
        var id = Guid.NewGuid();

        var first = await head.Write(chain, id, command);
        var again = await head.Write(chain, id, command);

        again.LogSequence.ShouldBe(first.LogSequence);
        again.Version.ShouldBe(first.Version);
        (await head.Inspect()).Node.ReceivedThrough.ShouldBe(1);
        (await fixture.Replica(South, keyspace, "k").Inspect()).Node.ReceivedThrough.ShouldBe(1);
    }

    [Fact]
    public async Task A_message_under_an_older_chain_is_refused_and_changes_nothing()
    {
        var keyspace = await fixture.KeyspaceAsync();
        var v1 = await fixture.ChainAsync(keyspace);
        var v2 = await fixture.ReconfigureAsync(keyspace, c => c.Without(East));
        await fixture.PutAsync(South, keyspace, "k", "under v2");
        var tail = await fixture.Replica(South, keyspace, "k").Inspect();
        tail.KnownVersion.ShouldBe(v2.Version);

        // us-east, removed, resends under the chain it still believes in.
        var resend = new CraqVersion<ChainWrite>(2, new ChainWrite(Guid.NewGuid(), Value("from the removed head")));
        var refused = await Should.ThrowAsync<StaleChainException>(() => fixture.Replica(West, keyspace, "k").Forward(v1, [resend]));
        refused.Sent.ShouldBe(1);
        refused.Known.ShouldBe(2);
        await Should.ThrowAsync<StaleChainException>(() => fixture.Replica(South, keyspace, "k").Read(v1));

        Same(await fixture.Replica(South, keyspace, "k").Inspect(), tail);
        Text(await fixture.GetAsync(East, keyspace, "k")).ShouldBe("under v2");
    }

    private static VersionedValue Value(string text) =>
        new(new WriteVersion(new HybridTimestamp(1_700_000_000_000, 0), East), Encoding.UTF8.GetBytes(text), "text/plain");

    /// <summary>Two states of one replica are the same: position, chain, recent writes and the bytes of every version.</summary>
    private static void Same(ChainKeyReplica actual, ChainKeyReplica expected)
    {
        (actual.Membership, actual.Node, actual.Key.CommittedVersion).ShouldBe((expected.Membership, expected.Node, expected.Key.CommittedVersion));
        actual.Recent.ShouldBe(expected.Recent);
        Versions(actual).ShouldBe(Versions(expected));
    }

    private static ImmutableArray<(long, string?)> Versions(ChainKeyReplica replica) =>
        [.. (replica.Key.Clean is { } clean ? [clean] : Array.Empty<CraqVersion<ChainWrite>>()).Concat(replica.Key.Dirty)
            .Select(v => (v.Version, v.Value.Value.Value is { } bytes ? Encoding.UTF8.GetString(bytes) : null))];
}
