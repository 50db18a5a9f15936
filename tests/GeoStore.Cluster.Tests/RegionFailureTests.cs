using System.Diagnostics;
using GeoStore.Abstractions.Errors;
using GeoStore.Abstractions.Grains;
using GeoStore.Core.Keyspaces;
using GeoStore.Testing;
using Shouldly;

namespace GeoStore.Cluster.Tests;

/// <summary>A whole region dies; it gets a cluster of its own because it kills silos.</summary>
public sealed class RegionFailureTests : IAsyncLifetime
{
    private GeoCluster _geo = null!;

    public async ValueTask InitializeAsync() => _geo = await GeoCluster.StartAsync();

    public async ValueTask DisposeAsync() => await _geo.DisposeAsync();

    [Fact]
    public async Task A_region_with_no_live_silo_fails_calls_within_a_second_and_never_activates_its_grains_elsewhere()
    {
        await _geo.PutKeyspaceAsync("ap-only", new KeyspacePolicy(ReplicationMode.MultiLeader, ["ap-south"]));
        await _geo.PutAsync("us-east", "default", "before-kill", "v");

        await _geo.KillRegionAsync("ap-south");

        var register = _geo.In("us-east").GetGrain<IRegisterGrain>("ap-south/default/after-kill");
        var clock = Stopwatch.StartNew();
        var error = await Should.ThrowAsync<RegionUnavailableException>(() => register.Read());
        clock.Stop();
        error.Region.ShouldBe("ap-south");
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(1));

        // A keyspace that lives only there is unavailable from elsewhere, with the same typed error.
        await Should.ThrowAsync<RegionUnavailableException>(() => _geo.PutAsync("eu-west", "ap-only", "k", "v"));

        // Even placement asked directly (a client call, no WAN filter) refuses rather than placing elsewhere.
        await Should.ThrowAsync<Exception>(() => _geo.Cluster.Client.GetGrain<IRegisterGrain>("ap-south/default/direct").Read());
        _geo.Cluster.TryGetGrainContext(register.GetGrainId(), out _).ShouldBeFalse();
        _geo.Cluster.TryGetGrainContext(_geo.Cluster.Client.GetGrain<IRegisterGrain>("ap-south/default/direct").GetGrainId(), out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Writes_in_the_surviving_regions_go_on_and_count_as_lag_to_the_dead_one()
    {
        await _geo.KillRegionAsync("ap-south");

        var written = await _geo.PutAsync("us-east", "default", "survivor", "v");
        written.Region.ShouldBe("us-east");
        await Eventually.HoldsAsync(async () => await _geo.GetAsync("eu-west", "default", "survivor") == "v", "eu-west still replicates");

        await Eventually.HoldsAsync(async () =>
        {
            var status = await _geo.In("us-east").GetGrain<IRegionGrain>("us-east").GetStatus();
            return status.Peers.Single(p => p.Peer == "ap-south").EntriesBehind > 0
                && status.Peers.Single(p => p.Peer == "eu-west").EntriesBehind == 0;
        }, "us-east is caught up with eu-west and behind with dead ap-south");
    }
}
