using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shouldly;

namespace GeoStore.Api.Tests;

/// <summary>A keyspace's replication topology (AllToAll, Ring, Star with its hub) and its sibling cap.</summary>
[Collection(ApiCollection.Name)]
public sealed class TopologyOptionsTests(GeoStoreApiFixture fixture)
{
    private static string NewKeyspace() => $"topo-{Guid.NewGuid():N}";

    [Theory]
    [InlineData("""{"mode":"MultiLeader","regions":["us-east","eu-west","ap-south"],"topology":"Star"}""", "hub")]
    [InlineData("""{"mode":"MultiLeader","regions":["us-east","eu-west","ap-south"],"topology":"Star","hub":""}""", "hub")]
    [InlineData("""{"mode":"MultiLeader","regions":["us-east","ap-south"],"topology":"Star","hub":"eu-west"}""", "hub")]
    [InlineData("""{"mode":"MultiLeader","regions":["us-east","eu-west","ap-south"],"topology":"Star","hub":"mars"}""", "hub")]
    [InlineData("""{"mode":"MultiLeader","regions":["us-east","eu-west","ap-south"],"topology":"Ring","hub":"eu-west"}""", "hub")]
    [InlineData("""{"mode":"MultiLeader","regions":["us-east","eu-west","ap-south"],"hub":"eu-west"}""", "hub")]
    [InlineData("""{"mode":"MultiLeader","regions":["us-east","eu-west","ap-south"],"topology":"Mesh"}""", "topology")]
    [InlineData("""{"mode":"MultiLeader","regions":["us-east","eu-west","ap-south"],"maxSiblings":0}""", "maxSiblings")]
    [InlineData("""{"mode":"MultiLeader","regions":["us-east","eu-west","ap-south"],"maxSiblings":65}""", "maxSiblings")]
    [InlineData("""{"mode":"MultiLeader","regions":["us-east","eu-west","ap-south"],"maxSiblings":-1}""", "maxSiblings")]
    public async Task An_invalid_topology_or_sibling_cap_answers_400_naming_the_field(string body, string field)
    {
        await fixture.ShouldRefusePolicyAsync(NewKeyspace(), body, field);
    }

    [Fact]
    public async Task A_star_keyspace_with_a_hub_among_its_regions_is_created_and_echoes_topology_and_hub()
    {
        var name = NewKeyspace();
        var admin = fixture.Admin("ap-south");

        var put = await admin.PutAsync($"/v1/admin/keyspaces/{name}",
            HttpBodies.Json("""{"mode":"MultiLeader","regions":["us-east","eu-west","ap-south"],"resolver":"Lww","topology":"Star","hub":"eu-west"}"""));

        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        foreach (var document in new[] { await put.Content.ReadFromJsonAsync<JsonElement>(), await fixture.Admin("us-east").GetFromJsonAsync<JsonElement>($"/v1/admin/keyspaces/{name}") })
        {
            document.GetProperty("topology").GetString().ShouldBe("Star");
            document.GetProperty("hub").GetString().ShouldBe("eu-west");
            document.GetProperty("maxSiblings").GetInt32().ShouldBe(8);
        }
    }

    [Fact]
    public async Task A_ring_keyspace_has_no_hub()
    {
        var name = NewKeyspace();

        var put = await fixture.Admin("us-east").PutAsync($"/v1/admin/keyspaces/{name}",
            HttpBodies.Json("""{"mode":"MultiLeader","regions":["us-east","eu-west","ap-south"],"topology":"Ring"}"""));

        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        var document = await put.Content.ReadFromJsonAsync<JsonElement>();
        document.GetProperty("topology").GetString().ShouldBe("Ring");
        document.TryGetProperty("hub", out _).ShouldBeFalse(document.ToString());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(64)]
    public async Task A_sibling_cap_from_1_to_64_is_accepted_and_echoed(int maxSiblings)
    {
        var name = NewKeyspace();

        var put = await fixture.Admin("us-east").PutAsync($"/v1/admin/keyspaces/{name}",
            HttpBodies.Json($$"""{"mode":"MultiLeader","regions":["us-east"],"maxSiblings":{{maxSiblings}}}"""));

        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        (await put.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("maxSiblings").GetInt32().ShouldBe(maxSiblings);
    }

    [Theory]
    [InlineData("""{"mode":"MultiLeader","regions":["us-east","eu-west","ap-south"],"topology":"Star","hub":"eu-west"}""")]
    [InlineData("""{"mode":"MultiLeader","regions":["us-east","eu-west","ap-south"],"topology":"Ring"}""")]
    public async Task A_write_reaches_a_region_cut_off_from_its_origin_through_the_relay_of_its_topology(string policy)
    {
        var keyspace = await fixture.CreateKeyspaceAsync("relay", policy);
        var key = $"k-{Guid.NewGuid():N}";
        try
        {
            await fixture.PartitionAsync("us-east", "ap-south");

            var put = await fixture.Client("us-east").PutAsync($"/v1/kv/{keyspace}/{key}", HttpBodies.Value("relayed by eu-west"));

            put.StatusCode.ShouldBe(HttpStatusCode.NoContent);
            await fixture.ServesAsync("ap-south", keyspace, key, put.Headers.ETag!);
        }
        finally
        {
            await fixture.HealAsync("us-east", "ap-south");
        }
    }
}
