using System.Text;
using GeoStore.Abstractions.Errors;
using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Core.Wan;
using GeoStore.Grains.Registers;
using GeoStore.Testing;
using GeoStore.Testing.Linearizability;
using Shouldly;
using static GeoStore.Cluster.Tests.Leaderless.LeaderlessFixture;

namespace GeoStore.Cluster.Tests.Leaderless;

/// <summary>
/// Histories of several clients in several regions against one key, checked with the Wing–Gong
/// linearizability checker: ABD keyspaces stay linearizable under random cuts and heals; a plain
/// W+R&gt;N keyspace without write-back does not (the Dynamo pitfall), shown on a fixed schedule.
/// </summary>
public sealed class LinearizableQuorumTests(LeaderlessFixture fixture) : IClassFixture<LeaderlessFixture>
{
    private GeoCluster Geo => fixture.Geo;

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public async Task Concurrent_clients_in_three_regions_see_a_linearizable_register_under_random_cuts_and_heals(int seed)
    {
        var keyspace = await fixture.KeyspaceAsync(w: 2, r: 2, linearizable: true, prefix: "abd");
        var random = new Random(seed);
        await Geo.SetRandomLatenciesAsync(random, 15);
        var history = new HistoryRecorder();
        var clients = Geo.Regions.SelectMany(region => Enumerable.Range(0, 2).Select(i => (Region: region, Name: $"{region}#{i}", Seed: random.Next()))).ToList();
        await using var cuts = new RandomLinkCuts(Geo, random);
        using var stop = new CancellationTokenSource();
        var chaos = Task.Run(async () =>
        {
            var dice = new Random(seed * 7);
            while (!stop.IsCancellationRequested)
            {
                await cuts.ToggleAsync();
                await Task.Delay(dice.Next(50, 250));
            }
        });

        try
        {
            await Task.WhenAll(clients.Select(c => RunClientAsync(keyspace, c.Region, c.Name, new Random(c.Seed), history, operations: 20)));
        }
        finally
        {
            await stop.CancelAsync();
            await chaos;
            await cuts.HealAllAsync();
            await Geo.ClearLatenciesAsync();
        }

        var operations = history.History();
        operations.Count(o => o.Outcome == OperationOutcome.Ok).ShouldBeGreaterThan(20, $"seed {seed}: enough operations completed to mean something");
        var result = LinearizabilityChecker.Check(operations);
        result.IsLinearizable.ShouldBeTrue($"seed {seed}: {result.Explanation}");
    }

    [Fact]
    public async Task Without_write_back_an_overlapping_quorum_can_read_new_then_old()
    {
        var plain = await fixture.KeyspaceAsync(w: 2, r: 2, prefix: "plain");
        var result = await RunNewThenOldScheduleAsync(plain);
        result.Verdict.ShouldBe(LinearizabilityVerdict.NotLinearizable, "the Dynamo pitfall: W+R>N overlap alone does not order a read after an unfinished write");
    }

    [Fact]
    public async Task With_write_back_the_same_schedule_stays_linearizable()
    {
        var abd = await fixture.KeyspaceAsync(w: 2, r: 2, linearizable: true, prefix: "abd");
        var result = await RunNewThenOldScheduleAsync(abd);
        result.IsLinearizable.ShouldBeTrue(result.Explanation);
    }

    /// <summary>
    /// A fixed schedule: v0 everywhere; a write of v1 from ap-south is stored by its coordinating
    /// replica (ap-south) and its coordinator goes no further (it crashed: the write's outcome is
    /// unknown); then, with ap-south -> us-east carrying 1000 ms and ap-south cut off from eu-west, a
    /// read from ap-south (ap-south + us-east) returns v1, and a read from eu-west (eu-west + us-east)
    /// starts right after it.
    /// </summary>
    private async Task<LinearizabilityResult> RunNewThenOldScheduleAsync(string keyspace)
    {
        var history = new HistoryRecorder();
        await WriteAsync(history, "writer", East, keyspace, "v0", w: 3);
        try
        {
            await Geo.SetLinkAsync(South, West, new WanLink(Cut: true));
            await Geo.SetLinkAsync(South, East, new WanLink(LatencyMs: 1000));

            // Never completed: recorded as a write whose outcome is unknown.
            history.Invoke("writer-south", OperationKind.Write, "v1");
            var command = new WriteCommand(keyspace, "k", Encoding.UTF8.GetBytes("v1"), "text/plain", WriteCondition.None);
            await Geo.In(South).GetGrain<IRegisterGrain>(RegisterKey.Format(South, keyspace, "k")).WriteForQuorum(command, null);

            await Geo.RecordReadAsync(history, "reader-1", South, keyspace, "k");
            await Geo.RecordReadAsync(history, "reader-2", West, keyspace, "k");
        }
        finally
        {
            await Geo.SetLinkAsync(South, East, WanLink.Healthy);
            await Geo.SetLinkAsync(South, West, WanLink.Healthy);
        }

        var operations = history.History();
        operations.Single(o => o.Client == "reader-1").Value.ShouldBe("v1", "the first read meets the unfinished write");
        return LinearizabilityChecker.Check(operations);
    }

    private async Task RunClientAsync(string keyspace, string region, string client, Random random, HistoryRecorder history, int operations)
    {
        for (var i = 0; i < operations; i++)
        {
            if (random.Next(2) == 0)
            {
                await WriteAsync(history, client, region, keyspace, $"{client}:{i}");
            }
            else
            {
                await Geo.RecordReadAsync(history, client, region, keyspace, "k");
            }
        }
    }

    private async Task WriteAsync(HistoryRecorder history, string client, string region, string keyspace, string value, int? w = null)
    {
        var op = history.Invoke(client, OperationKind.Write, value);
        try
        {
            await Geo.Coordinator(region).Write(new WriteCommand(keyspace, "k", Encoding.UTF8.GetBytes(value), "text/plain", WriteCondition.None, W: w));
            history.Ok(op);
        }
        catch (QuorumNotMetException e) when (!e.MayBeApplied)
        {
            history.Fail(op);
        }
        catch (Exception)
        {
            // Quorum not met with a replica holding it, or anything else: it may take effect later.
            history.Info(op);
        }
    }
}
