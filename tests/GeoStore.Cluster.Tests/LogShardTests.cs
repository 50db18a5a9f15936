using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Testing;
using Shouldly;

namespace GeoStore.Cluster.Tests;

/// <summary>The sharded replication log under concurrent writers.</summary>
public sealed class LogShardTests(ThreeRegionFixture fixture) : IClassFixture<ThreeRegionFixture>
{
    private GeoCluster Geo => fixture.Geo;

    [Fact]
    public async Task Concurrent_writes_get_dense_unique_sequences_per_shard()
    {
        var before = await Geo.In("eu-west").GetGrain<IRegionGrain>("eu-west").GetStatus();
        var prefix = Guid.NewGuid().ToString("N");

        var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Geo.PutAsync("eu-west", "default", $"{prefix}/{i}", "v")));

        results.ShouldAllBe(r => r.Status == WriteStatus.Applied && r.Region == "eu-west");
        foreach (var shard in results.GroupBy(r => r.Shard))
        {
            var sequences = shard.Select(r => r.LogSequence).Order().ToList();
            sequences.Distinct().Count().ShouldBe(sequences.Count, $"shard {shard.Key} handed out a sequence twice");
        }

        var after = await Geo.In("eu-west").GetGrain<IRegionGrain>("eu-west").GetStatus();
        (after.LogPosition - before.LogPosition).ShouldBeGreaterThanOrEqualTo(200);
        results.Select(r => r.Shard).Distinct().Count().ShouldBe(Geo.Options.LogShards, "keys spread over every shard");
    }

    [Fact]
    public async Task A_write_that_reached_the_log_but_not_the_register_is_recovered_when_the_register_activates()
    {
        var key = $"wal/{Guid.NewGuid():N}";
        var shard = Core.Replication.ShardMap.ShardOf("default", key, Geo.Options.LogShards);
        var logged = new Core.Versioning.VersionedValue(
            new Core.Versioning.WriteVersion(new Core.Clocks.HybridTimestamp(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), 0), "us-east"),
            System.Text.Encoding.UTF8.GetBytes("logged only"),
            "text/plain");

        // As if the silo crashed between a relay's log append and the register's own write. The log
        // keeps an entry only until every peer has it, so hold the peers off while the register activates.
        await Geo.SetLinkAsync("us-east", "eu-west", new Core.Wan.WanLink(Cut: true));
        await Geo.SetLinkAsync("us-east", "ap-south", new Core.Wan.WanLink(Cut: true));
        try
        {
            await Geo.In("us-east").GetGrain<ILogShardGrain>($"us-east/{shard}").Append(new Core.Replication.LogEntry(0, "us-east", "default", key, logged));

            (await Geo.GetAsync("us-east", "default", key)).ShouldBe("logged only");
        }
        finally
        {
            await Geo.SetLinkAsync("us-east", "eu-west", Core.Wan.WanLink.Healthy);
            await Geo.SetLinkAsync("us-east", "ap-south", Core.Wan.WanLink.Healthy);
        }
    }
}
