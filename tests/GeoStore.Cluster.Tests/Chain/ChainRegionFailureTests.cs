using GeoStore.Testing;
using Shouldly;
using static GeoStore.Cluster.Tests.Chain.ChainFixture;

namespace GeoStore.Cluster.Tests.Chain;

/// <summary>Chain members die outright (every silo of the region killed); a cluster of its own, because it kills silos.</summary>
public sealed class ChainRegionFailureTests : IAsyncLifetime
{
    private readonly ChainFixture _fixture = new();

    public ValueTask InitializeAsync() => _fixture.InitializeAsync();

    public ValueTask DisposeAsync() => _fixture.DisposeAsync();

    [Fact]
    public async Task When_the_middle_and_then_the_tail_die_writes_go_on_and_every_acknowledged_write_survives()
    {
        var keyspace = await _fixture.KeyspaceAsync();
        var acknowledged = new Dictionary<string, string>();
        async Task WriteAsync(string region, string key, string value)
        {
            await _fixture.PutAsync(region, keyspace, key, value);
            acknowledged[key] = value;
        }

        for (var i = 0; i < 5; i++)
        {
            await WriteAsync(i % 2 == 0 ? East : South, $"k{i}", $"v{i}");
        }

        await _fixture.Geo.KillRegionAsync(West);
        var afterMiddle = await _fixture.PutAsync(South, keyspace, "k0", "v0'");
        acknowledged["k0"] = "v0'";
        afterMiddle.Chain!.Members.ShouldBe([East, South]);
        await WriteAsync(East, "k5", "v5");

        await _fixture.Geo.KillRegionAsync(South);
        var afterTail = await _fixture.PutAsync(East, keyspace, "k1", "v1'");
        acknowledged["k1"] = "v1'";
        afterTail.Chain!.Members.ShouldBe([East]);
        afterTail.Chain.ServedBy.ShouldBe(East);

        foreach (var (key, value) in acknowledged)
        {
            Text(await _fixture.GetAsync(East, keyspace, key)).ShouldBe(value, $"acknowledged {key} survives");
        }
    }
}
