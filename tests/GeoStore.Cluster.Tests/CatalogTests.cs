using GeoStore.Abstractions.Catalog;
using GeoStore.Abstractions.Errors;
using GeoStore.Abstractions.Grains;
using GeoStore.Core.Keyspaces;
using GeoStore.Testing;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace GeoStore.Cluster.Tests;

/// <summary>The keyspace catalog grain and the copies every silo caches.</summary>
public sealed class CatalogTests(ThreeRegionFixture fixture) : IClassFixture<ThreeRegionFixture>
{
    private GeoCluster Geo => fixture.Geo;

    [Fact]
    public async Task A_fresh_cluster_has_the_default_keyspace_multi_leader_lww_everywhere_all_to_all()
    {
        var snapshot = await Geo.Cluster.Client.GetGrain<IKeyspaceCatalogGrain>(Geo.ControlPlaneKey).GetSnapshot();

        var definition = snapshot.Find("default").ShouldNotBeNull();
        definition.Policy.Mode.ShouldBe(ReplicationMode.MultiLeader);
        definition.Policy.Resolver.ShouldBe(ConflictResolver.Lww);
        definition.Policy.Topology.ShouldBe(ReplicationTopology.AllToAll);
        definition.Policy.Regions.ShouldBe(Geo.Regions);
    }

    [Fact]
    public async Task A_new_keyspace_reaches_the_cache_of_every_silo()
    {
        var created = await Geo.Cluster.Client.GetGrain<IKeyspaceCatalogGrain>(Geo.ControlPlaneKey)
            .Put("orders", new KeyspacePolicy(ReplicationMode.MultiLeader, ["us-east", "eu-west"]));

        await Eventually.HoldsAsync(
            () => Geo.Cluster.GetActiveSilos().All(s => Geo.ServicesOf(s).GetRequiredService<KeyspaceCache>().Snapshot.Find("orders")?.Revision == created.Revision),
            "every silo caches keyspace 'orders'");
    }

    [Fact]
    public async Task A_keyspace_created_right_after_a_miss_is_found_by_the_next_miss_without_waiting_for_the_poll()
    {
        var cache = Geo.ServicesOf(Geo.SilosOf("eu-west")[0]).GetRequiredService<KeyspaceCache>();
        var name = $"fresh-{Guid.NewGuid():N}"[..30];

        // A miss refreshes the copy; the keyspace is created a moment later, well within the miss
        // refresh interval: the next miss waits for the next shared refresh instead of answering "unknown".
        (await cache.FindAsync($"missing-{Guid.NewGuid():N}"[..30])).ShouldBeNull();
        await Geo.Cluster.Client.GetGrain<IKeyspaceCatalogGrain>(Geo.ControlPlaneKey).Put(name, new KeyspacePolicy(ReplicationMode.MultiLeader, ["us-east", "eu-west"]));

        (await cache.FindAsync(name)).ShouldNotBeNull();
    }

    [Fact]
    public async Task The_catalog_rejects_an_invalid_definition_with_every_problem_named()
    {
        var catalog = Geo.Cluster.Client.GetGrain<IKeyspaceCatalogGrain>(Geo.ControlPlaneKey);

        var error = await Should.ThrowAsync<InvalidKeyspaceException>(
            () => catalog.Put("bad", new KeyspacePolicy(ReplicationMode.MultiLeader, ["us-east", "mars-1", "us-east"])));
        error.Errors["regions"].Length.ShouldBe(2);

        var badName = await Should.ThrowAsync<InvalidKeyspaceException>(
            () => catalog.Put("Not/Valid", new KeyspacePolicy(ReplicationMode.MultiLeader, ["us-east"])));
        badName.Errors.ShouldContainKey("name");
        (await catalog.GetSnapshot()).Find("bad").ShouldBeNull();
    }
}
