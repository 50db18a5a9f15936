using System.Diagnostics;
using System.Text;
using GeoStore.Abstractions.Errors;
using GeoStore.Abstractions.Messages;
using GeoStore.Core.Keyspaces;
using GeoStore.Core.Wan;
using GeoStore.Testing;
using Shouldly;
using static GeoStore.Cluster.Tests.Leaderless.LeaderlessFixture;

namespace GeoStore.Cluster.Tests.Leaderless;

/// <summary>Leaderless quorums on three regions: W+R&gt;N overlap, stale reads below it, failing fast, read repair.</summary>
public sealed class QuorumTests(LeaderlessFixture fixture) : IClassFixture<LeaderlessFixture>
{
    private GeoCluster Geo => fixture.Geo;

    private Task<WriteResult> Put(string region, string keyspace, string key, string value, int? w = null) =>
        Geo.Coordinator(region).Write(new WriteCommand(keyspace, key, Encoding.UTF8.GetBytes(value), "text/plain", WriteCondition.None, W: w));

    private Task<ReadResult> Get(string region, string keyspace, string key, int? r = null) =>
        Geo.Coordinator(region).Read(keyspace, key, ReadOptions.Any with { R = r });

    private static string? Text(ReadResult read) => read.Found ? Encoding.UTF8.GetString(read.Value!.Value!) : null;

    [Fact]
    public async Task A_write_acknowledged_by_W_replicas_is_seen_by_an_R_read_from_every_region_and_repairs_the_stale_one()
    {
        var keyspace = await fixture.KeyspaceAsync(w: 2, r: 2);
        await Geo.CutAsync(East, South);
        try
        {
            var written = await Put(East, keyspace, "k", "v1");
            written.Status.ShouldBe(WriteStatus.Applied);
            written.Quorum!.Required.ShouldBe(2);
            written.Quorum.Acked.ShouldBe([East, West], ignoreOrder: true);
            written.Quorum.Failed.ShouldBe([South]);
            (await Geo.ReplicaValueAsync(South, keyspace, "k")).ShouldBeNull("the cut region missed the write");

            foreach (var region in Geo.Regions)
            {
                var read = await Get(region, keyspace, "k");
                Text(read).ShouldBe("v1", $"an R=2 read from {region} meets the W=2 write");
                read.Quorum!.Acked.Length.ShouldBe(2);
            }
        }
        finally
        {
            await Geo.HealAsync(East, South);
        }

        // ap-south's read asked its own replica (stale) and eu-west: read repair brings ap-south up to date.
        await Eventually.HoldsAsync(async () => await Geo.ReplicaValueAsync(South, keyspace, "k") == "v1", "read repair reaches ap-south");
    }

    [Fact]
    public async Task With_W1_and_R1_an_acknowledged_write_can_be_missing_from_a_read()
    {
        var keyspace = await fixture.KeyspaceAsync(w: 1, r: 1);
        await Geo.CutAsync(East, South);
        try
        {
            var written = await Put(East, keyspace, "k", "v1");
            written.Quorum!.Acked.ShouldContain(East);

            // W + R = 2 is not more than N = 3: ap-south's read asks only ap-south, which never got it.
            var read = await Get(South, keyspace, "k");
            read.Found.ShouldBeFalse("a stale read: the acknowledged write is not there");
            read.Quorum!.Acked.ShouldBe([South]);
        }
        finally
        {
            await Geo.HealAsync(East, South);
        }

        // Healed, nothing has repaired ap-south yet: R=1 is still stale, and r=3 (W + R > N) meets the write.
        (await Get(South, keyspace, "k")).Found.ShouldBeFalse();
        Text(await Get(South, keyspace, "k", r: 3)).ShouldBe("v1");
    }

    [Fact]
    public async Task The_minority_side_of_a_partition_fails_fast_with_quorum_not_met()
    {
        var keyspace = await fixture.KeyspaceAsync(w: 2, r: 2);
        await Geo.CutAsync(South, East);
        await Geo.CutAsync(South, West);
        try
        {
            var clock = Stopwatch.StartNew();
            var write = await Should.ThrowAsync<QuorumNotMetException>(() => Put(South, keyspace, "k", "lonely"));
            write.Operation.ShouldBe("write");
            write.Required.ShouldBe(2);
            write.Acked.ShouldBe([South], "the coordinator's own replica stored it");
            write.Failed.ShouldBe([East, West], ignoreOrder: true);
            write.MayBeApplied.ShouldBeTrue("a replica holds it, so the outcome is unknown to the client");

            var read = await Should.ThrowAsync<QuorumNotMetException>(() => Get(South, keyspace, "k"));
            read.Acked.ShouldBe([South]);
            clock.Elapsed.ShouldBeLessThan(QuorumTimeout, "cut regions are refused at once, not waited for");

            // The majority side keeps serving.
            (await Put(East, keyspace, "k", "majority")).Quorum!.Acked.ShouldBe([East, West], ignoreOrder: true);
            Text(await Get(West, keyspace, "k")).ShouldBe("majority");
        }
        finally
        {
            await Geo.HealAsync(South, East);
            await Geo.HealAsync(South, West);
        }
    }

    [Fact]
    public async Task A_write_without_a_quorum_is_refused_when_sloppy_is_off()
    {
        var keyspace = await fixture.KeyspaceAsync(w: 3, r: 1);
        await Geo.CutAsync(East, South);
        try
        {
            var error = await Should.ThrowAsync<QuorumNotMetException>(() => Put(East, keyspace, "k", "v"));
            error.Acked.ShouldBe([East, West], ignoreOrder: true);
            error.Hinted.ShouldBeEmpty("only sloppy keyspaces hold hints");
            error.MayBeApplied.ShouldBeTrue();
        }
        finally
        {
            await Geo.HealAsync(East, South);
        }
    }

    [Fact]
    public async Task A_linearizable_read_writes_the_newest_value_back_to_a_quorum_before_it_answers()
    {
        var keyspace = await fixture.KeyspaceAsync(w: 2, r: 2, linearizable: true);
        await Geo.CutAsync(East, South);
        try
        {
            (await Put(East, keyspace, "k", "v1")).Quorum!.Acked.ShouldBe([East, West], ignoreOrder: true);
        }
        finally
        {
            await Geo.HealAsync(East, South);
        }

        // Only eu-west and ap-south answer: eu-west has v1, ap-south nothing, so v1 is on one of the
        // two; the read writes it back to ap-south before answering, not eventually.
        await Geo.CutAsync(South, East);
        try
        {
            var read = await Get(South, keyspace, "k");
            Text(read).ShouldBe("v1");
            read.Quorum!.Repaired.ShouldBe([South]);
            (await Geo.ReplicaValueAsync(South, keyspace, "k")).ShouldBe("v1");
        }
        finally
        {
            await Geo.HealAsync(South, East);
        }
    }

    [Fact]
    public async Task A_linearizable_write_versions_itself_above_the_newest_version_a_quorum_holds()
    {
        // ap-south's clock is five seconds fast: a plain LWW write from us-east right after it would
        // lose; the linearizable write reads a quorum first and goes above it.
        var keyspace = await fixture.KeyspaceAsync(w: 2, r: 2, linearizable: true);
        var first = await Put(South, keyspace, "k", "from-south");
        await Geo.CutAsync(East, South);
        await Geo.CutAsync(East, West);
        await Geo.HealAsync(East, West);
        try
        {
            var second = await Put(East, keyspace, "k", "from-east");
            second.Version!.CompareTo(first.Version).ShouldBePositive();
            Text(await Get(West, keyspace, "k")).ShouldBe("from-east");
        }
        finally
        {
            await Geo.HealAsync(East, South);
        }
    }

    [Fact]
    public async Task Concurrent_writes_in_a_MultiValue_keyspace_come_back_as_siblings_from_a_quorum_read()
    {
        var keyspace = await fixture.KeyspaceAsync(w: 1, r: 3, resolver: ConflictResolver.MultiValue);
        await Geo.CutAsync(East, West);
        await Geo.CutAsync(East, South);
        try
        {
            await Put(East, keyspace, "cart", "milk");
            await Put(West, keyspace, "cart", "eggs");
        }
        finally
        {
            await Geo.HealAsync(East, West);
            await Geo.HealAsync(East, South);
        }

        var read = await Get(South, keyspace, "cart");
        var siblings = read.Merged!.Siblings!;
        siblings.Siblings.Select(s => Encoding.UTF8.GetString(s.Value.Value!)).Order().ShouldBe(["eggs", "milk"]);

        // A write with the merged context replaces both, everywhere it is read.
        await Geo.Coordinator(South).Write(new WriteCommand(keyspace, "cart", Encoding.UTF8.GetBytes("eggs+milk"), "text/plain", WriteCondition.None, siblings.Context, W: 3));
        var after = await Get(East, keyspace, "cart");
        after.Merged!.Siblings!.Siblings.Select(s => Encoding.UTF8.GetString(s.Value.Value!)).ShouldBe(["eggs+milk"]);
    }

    [Fact]
    public async Task A_read_with_the_session_of_a_W1_write_asks_past_its_stale_replicas_until_one_has_it()
    {
        var keyspace = await fixture.KeyspaceAsync(w: 1, r: 1);
        await Geo.CutAsync(East, South);
        try
        {
            var written = await Put(East, keyspace, "k", "mine");
            await Eventually.HoldsAsync(async () => await Geo.ReplicaValueAsync(West, keyspace, "k") == "mine", "the background fan-out reaches eu-west");

            // ap-south's own replica (r=1) is stale; the session makes the read go on to eu-west, which has it.
            var read = await Geo.Coordinator(South).Read(keyspace, "k", new ReadOptions(written.Version, TimeSpan.FromSeconds(2)));
            Text(read).ShouldBe("mine");
            read.Quorum!.Acked.ShouldContain(West);
        }
        finally
        {
            await Geo.HealAsync(East, South);
        }
    }

    [Fact]
    public async Task A_session_read_that_no_reachable_replica_can_serve_fails_as_a_stale_read()
    {
        var keyspace = await fixture.KeyspaceAsync(w: 1, r: 1);
        await Geo.CutAsync(East, South);
        await Geo.CutAsync(East, West);
        try
        {
            var written = await Put(East, keyspace, "k", "mine");
            await Should.ThrowAsync<StaleReadException>(() =>
                Geo.Coordinator(South).Read(keyspace, "k", new ReadOptions(written.Version, TimeSpan.FromMilliseconds(300))));
        }
        finally
        {
            await Geo.HealAsync(East, South);
            await Geo.HealAsync(East, West);
        }
    }

    [Fact]
    public async Task A_write_that_names_the_write_it_saw_is_versioned_above_it_even_when_that_clock_runs_ahead()
    {
        // ap-south's clock runs five seconds fast, and us-east's replica never saw ap-south's write.
        var keyspace = await fixture.KeyspaceAsync(w: 1, r: 1);
        await Geo.CutAsync(East, South);
        try
        {
            var seen = await Put(South, keyspace, "named", "first");
            await Geo.Coordinator(East).Write(new WriteCommand(keyspace, "named", Encoding.UTF8.GetBytes("second"), "text/plain", WriteCondition.None, After: seen.Version));

            // The same two writes without the token: last-writer-wins by the clocks, and the later write loses.
            await Put(South, keyspace, "blind", "first");
            await Put(East, keyspace, "blind", "second");
        }
        finally
        {
            await Geo.HealAsync(East, South);
        }

        Text(await Get(West, keyspace, "named", r: 3)).ShouldBe("second", "a causal successor never loses to what it saw");
        Text(await Get(West, keyspace, "blind", r: 3)).ShouldBe("first", "without the token, the skewed clock decides (why the API takes GeoStore-Session on writes)");
    }

    [Fact]
    public async Task A_read_asks_one_more_replica_when_one_it_asked_is_slow_instead_of_waiting_for_it()
    {
        // Replicas tie on latency, so us-east reads itself and ap-south first (by name); ap-south hangs.
        var keyspace = await fixture.KeyspaceAsync(w: 3, r: 2);
        await Put(East, keyspace, "k", "v");
        using (fixture.SlowReplicas.Slow(South))
        {
            var read = await Get(East, keyspace, "k");
            Text(read).ShouldBe("v");
            read.Quorum!.Acked.ShouldBe([East, West], ignoreOrder: true, "eu-west was asked when ap-south was late, and answered first");
        }
    }

    [Fact]
    public async Task A_write_whose_reply_was_lost_is_not_tried_again_on_another_replica()
    {
        // us-east holds no replica: its nearest, eu-west, stores the write and the reply is lost.
        var keyspace = $"far-{Guid.NewGuid():N}"[..30];
        await Geo.PutKeyspaceAsync(keyspace, new KeyspacePolicy(ReplicationMode.Leaderless, [West, South], W: 1, R: 1));
        await Geo.SetLinkAsync(East, South, new WanLink(LatencyMs: 30));
        await Geo.SetLinkAsync(West, East, new WanLink(Loss: 1));
        try
        {
            var error = await Should.ThrowAsync<QuorumNotMetException>(() => Put(East, keyspace, "k", "once"));
            error.MayBeApplied.ShouldBeTrue("eu-west may have stored it");
            error.Failed.ShouldBe([West]);
        }
        finally
        {
            await Geo.SetLinkAsync(East, South, WanLink.Healthy);
            await Geo.SetLinkAsync(West, East, WanLink.Healthy);
        }

        (await Geo.ReplicaValueAsync(West, keyspace, "k")).ShouldBe("once");
        (await Geo.ReplicaAsync(South, keyspace, "k")).Value.ShouldBeNull("no second version of the same write was made elsewhere");
    }
}
