using System.Diagnostics;
using System.Text;
using GeoStore.Abstractions.Errors;
using GeoStore.Abstractions.Messages;
using GeoStore.Testing;
using Shouldly;
using static GeoStore.Cluster.Tests.Chain.ChainFixture;

namespace GeoStore.Cluster.Tests.Chain;

/// <summary>
/// A member of the chain is cut off: the chain goes on without it (head, middle or tail), no
/// acknowledged write is lost, writes the head held are sent on, and a region that rejoins copies
/// each key again rather than trusting what it held before.
/// </summary>
[Collection(ChainCollection.Name)]
public sealed class ChainFailoverTests(ChainFixture fixture)
{
    private GeoCluster Geo => fixture.Geo;

    [Fact]
    public async Task When_the_middle_is_cut_off_the_head_links_to_the_tail_resends_what_it_held_and_loses_nothing()
    {
        var keyspace = await fixture.KeyspaceAsync();
        var acknowledged = await WriteKeysAsync(keyspace, East, "before", 5);
        await fixture.IsolateAsync(West);
        try
        {
            // A write the head took while its successor was unreachable, left behind by its client.
            var v1 = await fixture.ChainAsync(keyspace);
            var leftBehind = Guid.NewGuid();
            var command = new WriteCommand(keyspace, "held", Encoding.UTF8.GetBytes("left behind"), "text/plain", WriteCondition.None);
            await Should.ThrowAsync<ChainMemberUnreachableException>(() => fixture.Replica(East, keyspace, "held").Write(v1, leftBehind, command));
            (await fixture.HeldAsync(South, keyspace, "held")).ShouldBeNull();

            var written = await fixture.PutAsync(South, keyspace, "held", "next");

            written.Chain!.Version.ShouldBe(2);
            written.Chain.Members.ShouldBe([East, South]);
            written.Chain.ServedBy.ShouldBe(South);
            written.Chain.Sequence.ShouldBe(2, "the write left behind kept number 1");
            (await fixture.ChainAsync(keyspace)).Configuration.Members.ShouldBe([East, South]);
            var tail = await fixture.Replica(South, keyspace, "held").Inspect();
            tail.Find(leftBehind).ShouldNotBeNull("the head resent the write it held to its new successor");
            tail.Node.ReceivedThrough.ShouldBe(2);

            foreach (var (key, value) in acknowledged.Concat(await WriteKeysAsync(keyspace, South, "after", 5)))
            {
                Text(await fixture.GetAsync(East, keyspace, key)).ShouldBe(value);
                Text(await fixture.GetAsync(South, keyspace, key)).ShouldBe(value);
            }
        }
        finally
        {
            await fixture.HealAllAsync();
        }
    }

    [Fact]
    public async Task When_the_tail_is_cut_off_its_predecessor_becomes_the_tail_and_the_old_one_serves_no_stale_read()
    {
        var keyspace = await fixture.KeyspaceAsync();
        var acknowledged = await WriteKeysAsync(keyspace, East, "before", 3);
        await fixture.PutAsync(East, keyspace, "k", "v1");
        await fixture.IsolateAsync(South);
        try
        {
            var written = await fixture.PutAsync(East, keyspace, "k", "v2");

            written.Chain!.Version.ShouldBe(2);
            written.Chain.Members.ShouldBe([East, West]);
            written.Chain.ServedBy.ShouldBe(West, "the middle is the tail now, and holds the write");
            Text(await fixture.GetAsync(East, keyspace, "k")).ShouldBe("v2");
            Text(await fixture.GetAsync(West, keyspace, "k")).ShouldBe("v2");
            (await fixture.HeldAsync(South, keyspace, "k")).ShouldBe("v1", "the old tail never got it");

            // ap-south still holds v1 and is cut off from the new chain: it must not answer v1.
            var refused = await Should.ThrowAsync<ChainUnavailableException>(() => fixture.GetAsync(South, keyspace, "k"));
            refused.ChainVersion.ShouldBe(2);

            foreach (var (key, value) in acknowledged)
            {
                Text(await fixture.GetAsync(West, keyspace, key)).ShouldBe(value);
            }
        }
        finally
        {
            await fixture.HealAllAsync();
        }
    }

    [Fact]
    public async Task When_the_head_is_cut_off_its_successor_becomes_the_head_and_a_rejoining_region_copies_each_key_again()
    {
        var keyspace = await fixture.KeyspaceAsync();
        var acknowledged = await WriteKeysAsync(keyspace, West, "before", 3);
        await fixture.PutAsync(East, keyspace, "k", "v1");
        await fixture.IsolateAsync(East);
        try
        {
            // The cut-off head takes a write no one else will see (its client gives up on it).
            var v1 = await fixture.ChainAsync(keyspace);
            var lost = new WriteCommand(keyspace, "k", Encoding.UTF8.GetBytes("lost"), "text/plain", WriteCondition.None);
            await Should.ThrowAsync<ChainMemberUnreachableException>(() => fixture.Replica(East, keyspace, "k").Write(v1, Guid.NewGuid(), lost));

            var written = await fixture.PutAsync(West, keyspace, "k", "kept");
            written.Region.ShouldBe(West, "eu-west heads the chain now");
            written.Chain!.Version.ShouldBe(2);
            written.Chain.Members.ShouldBe([West, South]);
            written.Chain.Sequence.ShouldBe(2);
            (await fixture.PutAsync(South, keyspace, "k2", "also")).Region.ShouldBe(West);
            foreach (var (key, value) in acknowledged)
            {
                Text(await fixture.GetAsync(South, keyspace, key)).ShouldBe(value);
            }
        }
        finally
        {
            await fixture.HealAllAsync();
        }

        // us-east comes back and an operator appends it: it holds "lost" as number 2, which the chain gave to "kept".
        (await fixture.HeldAsync(East, keyspace, "k")).ShouldBe("lost");
        var v3 = await fixture.ReconfigureAsync(keyspace, c => c.WithAppended(East));
        v3.Configuration.Members.ShouldBe([West, South, East]);

        var read = await fixture.GetAsync(East, keyspace, "k");
        Text(read).ShouldBe("kept", "the rejoined tail answers from a copy of its predecessor, not from what it held");
        read.Chain!.ServedBy.ShouldBe(East);
        var after = await fixture.PutAsync(East, keyspace, "k", "after");
        after.Chain!.ServedBy.ShouldBe(East);
        after.Chain.Sequence.ShouldBe(3);
        (await fixture.HeldAsync(East, keyspace, "k")).ShouldBe("after");
        Text(await fixture.GetAsync(East, keyspace, "k2")).ShouldBe("also", "a key it never held is copied too");
    }

    [Fact]
    public async Task A_write_to_a_chain_whose_only_member_is_unreachable_fails_fast_as_unavailable()
    {
        var keyspace = await fixture.KeyspaceAsync("alone", South);
        await fixture.IsolateAsync(South);
        try
        {
            var clock = Stopwatch.StartNew();
            var error = await Should.ThrowAsync<ChainUnavailableException>(() => fixture.PutAsync(East, keyspace, "k", "v"));
            clock.Stop();

            clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(1));
            error.Operation.ShouldBe("write");
            error.Chain.ShouldBe([South]);
            error.Unreached.ShouldBe([South]);
            error.MayBeApplied.ShouldBeFalse("the request never reached the head");
            (await fixture.ChainAsync(keyspace)).Configuration.Members.ShouldBe([South], "the last member is never removed");
        }
        finally
        {
            await fixture.HealAllAsync();
        }
    }

    private async Task<Dictionary<string, string>> WriteKeysAsync(string keyspace, string region, string prefix, int count)
    {
        var written = new Dictionary<string, string>();
        for (var i = 0; i < count; i++)
        {
            var (key, value) = ($"{prefix}-{i}", $"{prefix}:{i}@{region}");
            (await fixture.PutAsync(region, keyspace, key, value)).Status.ShouldBe(WriteStatus.Applied);
            written[key] = value;
        }

        return written;
    }
}
