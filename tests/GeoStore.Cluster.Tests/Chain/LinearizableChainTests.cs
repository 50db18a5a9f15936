using System.Text;
using GeoStore.Abstractions.Errors;
using GeoStore.Abstractions.Messages;
using GeoStore.Core.Wan;
using GeoStore.Testing;
using GeoStore.Testing.Linearizability;
using Shouldly;

namespace GeoStore.Cluster.Tests.Chain;

/// <summary>
/// Histories of six clients in three regions against one key of a Chain keyspace, while links are
/// cut and healed at random and an operator appends removed regions back: checked with the
/// Wing–Gong linearizability checker.
/// </summary>
[Collection(ChainCollection.Name)]
public sealed class LinearizableChainTests(ChainFixture fixture)
{
    private GeoCluster Geo => fixture.Geo;

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    [InlineData(23)]
    public async Task Concurrent_clients_in_three_regions_see_a_linearizable_register_under_random_cuts_heals_and_rejoins(int seed)
    {
        var keyspace = await fixture.KeyspaceAsync("lin");
        var random = new Random(seed);
        await Geo.SetRandomLatenciesAsync(random, 15);
        var history = new HistoryRecorder();
        var clients = Geo.Regions.SelectMany(region => Enumerable.Range(0, 2).Select(i => (Region: region, Name: $"{region}#{i}", Seed: random.Next()))).ToList();
        var rejoins = 0;
        await using var cuts = new RandomLinkCuts(Geo, random);
        using var stop = new CancellationTokenSource();
        var chaos = Task.Run(async () =>
        {
            var dice = new Random(seed * 7);
            while (!stop.IsCancellationRequested)
            {
                await cuts.ToggleAsync();
                if (dice.Next(3) == 0)
                {
                    rejoins += await RejoinOneAsync(keyspace, dice);
                }

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
        var chain = await fixture.ChainAsync(keyspace);
        var summary = $"seed {seed}: chain {chain}, {rejoins} rejoins, {operations.Count(o => o.Outcome == OperationOutcome.Ok)} ok, "
            + $"{operations.Count(o => o.Outcome == OperationOutcome.Indeterminate)} indeterminate, {operations.Count(o => o.Outcome == OperationOutcome.Failed)} failed";
        operations.Count(o => o.Outcome == OperationOutcome.Ok).ShouldBeGreaterThan(20, summary);
        chain.Version.ShouldBeGreaterThan(1, $"{summary}: the chain was reconfigured at least once");
        var result = LinearizabilityChecker.Check(operations);
        result.IsLinearizable.ShouldBeTrue($"{summary}: {result.Explanation}");
    }

    /// <summary>Appends a region the chain lost, as an operator would; another reconfiguration may win the race.</summary>
    private async Task<int> RejoinOneAsync(string keyspace, Random dice)
    {
        var chain = await fixture.ChainAsync(keyspace);
        var missing = Geo.Regions.Where(r => !chain.Configuration.Contains(r)).ToList();
        if (missing.Count == 0)
        {
            return 0;
        }

        var next = await fixture.Catalog.ReconfigureChain(keyspace, chain.Version, chain.Configuration.WithAppended(missing[dice.Next(missing.Count)]));
        return next.Version > chain.Version && next.Configuration.Length > chain.Configuration.Length ? 1 : 0;
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

    private async Task WriteAsync(HistoryRecorder history, string client, string region, string keyspace, string value)
    {
        var op = history.Invoke(client, OperationKind.Write, value);
        try
        {
            await Geo.Coordinator(region).Write(new WriteCommand(keyspace, "k", Encoding.UTF8.GetBytes(value), "text/plain", WriteCondition.None));
            history.Ok(op);
        }
        catch (ChainUnavailableException e) when (!e.MayBeApplied)
        {
            history.Fail(op);
        }
        catch (Exception)
        {
            // The head may hold it: it is committed with the next write that gets through, or never.
            history.Info(op);
        }
    }
}
