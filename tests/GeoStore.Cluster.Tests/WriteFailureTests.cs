using System.Text;
using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Cluster.Tests.Faults;
using GeoStore.Core.Causality;
using GeoStore.Core.Keyspaces;
using GeoStore.Grains;
using GeoStore.Grains.Storage;
using GeoStore.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Shouldly;

namespace GeoStore.Cluster.Tests;

/// <summary>One silo per region, one log shard, and stores that fail on command.</summary>
public sealed class FaultyStoresFixture : IAsyncLifetime
{
    public FaultPlan Faults { get; } = new();

    public GeoCluster Geo { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Geo = await GeoCluster.StartAsync(new GeoClusterOptions
    {
        LogShards = 1,
        ConfigureSilo = silo =>
        {
            silo.Services.AddSingleton<IReplicationLogStore>(_ => new FaultyLogStore(new InMemoryReplicationLogStore(), Faults));
            silo.Services.AddGrainStorage(GeoStoreStorage.Registers, (sp, _) => new FaultyGrainStorage(ActivatorUtilities.CreateInstance<LocalMemoryGrainStorage>(sp), Faults));
        },
    });

    public async ValueTask DisposeAsync() => await Geo.DisposeAsync();
}

/// <summary>
/// A local write whose state write or log append fails: never half-applied, never lost once the
/// store took it, and its version or dot never handed out twice (the regions would never converge).
/// </summary>
public sealed class WriteFailureTests(FaultyStoresFixture fixture) : IClassFixture<FaultyStoresFixture>
{
    private const string East = "us-east", West = "eu-west";

    private GeoCluster Geo => fixture.Geo;

    private async Task<string> MultiValueKeyspaceAsync()
    {
        var name = $"faults-{Guid.NewGuid():N}"[..30];
        await Geo.PutKeyspaceAsync(name, new KeyspacePolicy(ReplicationMode.MultiLeader, [.. Geo.Regions], ConflictResolver.MultiValue));
        return name;
    }

    private Task<WriteResult> Put(string keyspace, string value) =>
        Geo.Coordinator(East).Write(new WriteCommand(keyspace, "k", Encoding.UTF8.GetBytes(value), "text/plain", WriteCondition.None));

    private async Task<string[]> SiblingsAt(string region, string keyspace) =>
        [.. ((await Geo.Coordinator(region).Read(keyspace, "k")).Merged?.Siblings ?? SiblingSet.Empty).Siblings
            .Select(s => $"{s.Dot}={Encoding.UTF8.GetString(s.Value.Value!)}").Order(StringComparer.Ordinal)];

    private async Task CaughtUpAsync() =>
        await Eventually.HoldsAsync(async () => (await Geo.In(East).GetGrain<IRegionGrain>(East).GetStatus()).Peers.All(p => p.EntriesBehind == 0), "us-east's log is acknowledged by every peer");

    [Fact]
    public async Task A_write_whose_state_write_fails_is_not_shipped_and_the_next_write_converges_everywhere()
    {
        var keyspace = await MultiValueKeyspaceAsync();
        fixture.Faults.FailNext($"write:{East}/{keyspace}/k");

        await Should.ThrowAsync<Exception>(() => Put(keyspace, "w1"));
        fixture.Faults.IsSpent($"write:{East}/{keyspace}/k").ShouldBeTrue();

        // Not acknowledged, and not in the log: no region ever gets it.
        await CaughtUpAsync();
        (await SiblingsAt(West, keyspace)).ShouldBeEmpty();

        // The next write gets the first dot, and it is the same write in every region.
        (await Put(keyspace, "w2")).Status.ShouldBe(WriteStatus.Applied);
        foreach (var region in Geo.Regions)
        {
            await Eventually.HoldsAsync(async () => (await SiblingsAt(region, keyspace)).SequenceEqual(["us-east:1=w2"]), $"{region} holds exactly w2");
        }
    }

    [Fact]
    public async Task A_write_whose_log_append_fails_after_it_was_stored_reaches_every_region_later()
    {
        var keyspace = await MultiValueKeyspaceAsync();
        fixture.Faults.FailNext($"append:{East}/{LogNames.Shard(0)}");

        // The client hears of a failure (the outcome is unknown to it), but the store holds the write...
        await Should.ThrowAsync<Exception>(() => Put(keyspace, "w1"));
        fixture.Faults.IsSpent($"append:{East}/{LogNames.Shard(0)}").ShouldBeTrue();

        // ...and the register's next activation appends it from its outbox, so it replicates.
        foreach (var region in Geo.Regions)
        {
            await Eventually.HoldsAsync(async () => (await SiblingsAt(region, keyspace)).SequenceEqual(["us-east:1=w1"]), $"{region} holds w1");
        }

        (await Put(keyspace, "w2")).Status.ShouldBe(WriteStatus.Applied);
        foreach (var region in Geo.Regions)
        {
            await Eventually.HoldsAsync(async () => (await SiblingsAt(region, keyspace)).Length == 2, $"{region} holds w1 and w2 as siblings of one region's blind writes");
        }
    }
}
