using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GeoStore.Testing;
using Shouldly;

namespace GeoStore.Api.Tests;

/// <summary>SingleLeader keyspaces over HTTP: policy checks, forwarding, what answers say, failover, fencing and orphans.</summary>
[Collection(ApiCollection.Name)]
public sealed class SingleLeaderApiTests(GeoStoreApiFixture fixture)
{
    private static string Policy(string leader = "us-east", string replication = "Async") =>
        $$"""{"mode":"SingleLeader","regions":["us-east","eu-west","ap-south"],"leader":"{{leader}}","replication":"{{replication}}"}""";

    private static string NewKeyspace() => $"leader-{Guid.NewGuid():N}";

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : string.Empty;

    private static HttpContent Failover(string target, bool fencing = true) =>
        HttpBodies.Json(JsonSerializer.Serialize(new { target, fencing }));

    [Theory]
    [InlineData("""{"mode":"SingleLeader","regions":["us-east","eu-west","ap-south"]}""", "leader")]
    [InlineData("""{"mode":"SingleLeader","regions":["us-east","eu-west"],"leader":"ap-south"}""", "leader")]
    [InlineData("""{"mode":"SingleLeader","regions":["us-east","eu-west","ap-south"],"leader":"us-east","replication":"Quorum"}""", "replication")]
    [InlineData("""{"mode":"SingleLeader","regions":["us-east","eu-west","ap-south"],"leader":"us-east","replication":"SemiSync","semiSyncAcks":3}""", "semiSyncAcks")]
    [InlineData("""{"mode":"SingleLeader","regions":["us-east","eu-west","ap-south"],"leader":"us-east","semiSyncAcks":1}""", "semiSyncAcks")]
    [InlineData("""{"mode":"SingleLeader","regions":["us-east","eu-west","ap-south"],"leader":"us-east","resolver":"MultiValue"}""", "resolver")]
    [InlineData("""{"mode":"SingleLeader","regions":["us-east","eu-west","ap-south"],"leader":"us-east","autoFailoverSeconds":0}""", "autoFailoverSeconds")]
    [InlineData("""{"mode":"MultiLeader","regions":["us-east","eu-west","ap-south"],"leader":"us-east"}""", "mode")]
    public async Task An_invalid_single_leader_policy_answers_400_naming_the_field(string body, string field) =>
        await fixture.ShouldRefusePolicyAsync(NewKeyspace(), body, field);

    [Fact]
    public async Task A_write_at_a_follower_is_forwarded_and_the_answers_state_epoch_position_and_reach()
    {
        var keyspace = await fixture.CreateKeyspaceAsync("leader", Policy(replication: "Sync"));
        var put = await fixture.Client("ap-south").PutAsync($"/v1/kv/{keyspace}/k", HttpBodies.Value("hello"));
        put.StatusCode.ShouldBe(HttpStatusCode.NoContent, await put.Content.ReadAsStringAsync());
        Header(put, "GeoStore-Region").ShouldBe("us-east", "the leader wrote it");
        Header(put, "GeoStore-Epoch").ShouldBe("1");
        Header(put, "GeoStore-Leader").ShouldBe("us-east");
        Header(put, "GeoStore-Replication").ShouldBe("Sync");
        Header(put, "GeoStore-Followers").ShouldBe("ap-south,eu-west");
        Header(put, "GeoStore-Log-Position").ShouldMatch(@"^1:\d+:\d+$");

        // Sync: every follower applied it before the answer, so a follower read right away has it.
        var get = await fixture.Client("eu-west").GetAsync($"/v1/kv/{keyspace}/k");
        (await get.Content.ReadAsStringAsync()).ShouldBe("hello");
        Header(get, "GeoStore-Region").ShouldBe("eu-west");
        Header(get, "GeoStore-Epoch").ShouldBe("1");
        Header(get, "GeoStore-Lag-Entries").ShouldBe("0");
    }

    [Fact]
    public async Task A_failover_raises_the_epoch_and_writes_follow_the_new_leader()
    {
        var keyspace = await fixture.CreateKeyspaceAsync("leader", Policy());
        (await fixture.Client("us-east").PutAsync($"/v1/kv/{keyspace}/k", HttpBodies.Value("v1"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var failover = await fixture.Admin("eu-west").PostAsync($"/v1/admin/keyspaces/{keyspace}/failover", Failover("eu-west"));
        failover.StatusCode.ShouldBe(HttpStatusCode.OK, await failover.Content.ReadAsStringAsync());
        var report = await failover.Content.ReadFromJsonAsync<JsonElement>();
        report.GetProperty("to").GetProperty("number").GetInt64().ShouldBe(2);
        report.GetProperty("to").GetProperty("leader").GetString().ShouldBe("eu-west");

        var document = await (await fixture.Admin("us-east").GetAsync($"/v1/admin/keyspaces/{keyspace}")).Content.ReadFromJsonAsync<JsonElement>();
        (document.GetProperty("leader").GetString(), document.GetProperty("epoch").GetInt64()).ShouldBe(("eu-west", 2L));

        await Eventually.HoldsAsync(async () =>
        {
            var put = await fixture.Client("us-east").PutAsync($"/v1/kv/{keyspace}/k", HttpBodies.Value("v2"));
            return put.StatusCode == HttpStatusCode.NoContent && Header(put, "GeoStore-Region") == "eu-west" && Header(put, "GeoStore-Epoch") == "2";
        }, "us-east forwards to the new leader under epoch 2");

        // The leader changes through failover only.
        var change = await fixture.Admin("us-east").PutAsync($"/v1/admin/keyspaces/{keyspace}", HttpBodies.Json(Policy(leader: "ap-south")));
        var problem = await change.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-argument");
        problem.GetProperty("errors").GetProperty("leader")[0].GetString()!.ShouldContain("failover");
    }

    [Fact]
    public async Task A_Sync_write_a_follower_cannot_apply_answers_503_replication_not_met_naming_it()
    {
        var keyspace = await fixture.CreateKeyspaceAsync("leader", Policy(replication: "Sync"));
        await fixture.PartitionAsync("us-east", "ap-south");
        try
        {
            var put = await fixture.Client("us-east").PutAsync($"/v1/kv/{keyspace}/k", HttpBodies.Value("v"));
            var problem = await put.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "replication-not-met");
            problem.GetProperty("replication").GetString().ShouldBe("Sync");
            problem.GetProperty("missing").EnumerateArray().Select(m => m.GetString()).ShouldBe(["ap-south"]);
            problem.GetProperty("acked").EnumerateArray().Select(m => m.GetString()).ShouldBe(["eu-west"]);
            problem.GetProperty("indeterminate").GetBoolean().ShouldBeTrue();
        }
        finally
        {
            await fixture.HealAsync("us-east", "ap-south");
        }
    }

    [Theory]
    [InlineData("""{"target":"moon"}""", "target")]
    [InlineData("""{"target":"us-east"}""", "target")]
    [InlineData("""{}""", "target")]
    public async Task A_failover_to_no_follower_answers_400(string body, string field)
    {
        var keyspace = await fixture.CreateKeyspaceAsync("leader", Policy());
        var response = await fixture.Admin("eu-west").PostAsync($"/v1/admin/keyspaces/{keyspace}/failover", HttpBodies.Json(body));
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-argument");
        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(problem.ToString());
    }

    [Fact]
    public async Task A_failover_of_a_keyspace_without_a_leader_or_without_the_token_is_refused()
    {
        var multi = await fixture.CreateKeyspaceAsync("multi", """{"mode":"MultiLeader","regions":["us-east","eu-west"]}""");
        var response = await fixture.Admin("eu-west").PostAsync($"/v1/admin/keyspaces/{multi}/failover", Failover("auto"));
        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-argument")).GetProperty("errors").TryGetProperty("mode", out _).ShouldBeTrue();

        var anonymous = await fixture.Client("eu-west").PostAsync($"/v1/admin/keyspaces/{multi}/failover", Failover("auto"));
        await anonymous.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task A_region_that_missed_the_failover_forwards_to_the_deposed_leader_and_gets_409_fenced_naming_the_new_one()
    {
        var keyspace = await fixture.CreateKeyspaceAsync("leader", Policy());
        (await fixture.Client("ap-south").PutAsync($"/v1/kv/{keyspace}/k", HttpBodies.Value("v1"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);


        // ap-south cannot hear eu-west, so only us-east (deposed, but told) can tell it anything.
        await fixture.PartitionAsync("ap-south", "eu-west");
        try
        {
            var failover = await fixture.Admin("eu-west").PostAsync($"/v1/admin/keyspaces/{keyspace}/failover", Failover("eu-west"));
            failover.StatusCode.ShouldBe(HttpStatusCode.OK, await failover.Content.ReadAsStringAsync());

            var views = await (await fixture.Admin("us-east").GetAsync($"/v1/admin/keyspaces/{keyspace}/leadership")).Content.ReadFromJsonAsync<JsonElement>();
            views.EnumerateArray().Single(v => v.GetProperty("region").GetString() == "ap-south").GetProperty("leader").GetString()
                .ShouldBe("us-east", "ap-south did not hear of the failover");
            var put = await fixture.Client("ap-south").PutAsync($"/v1/kv/{keyspace}/k", HttpBodies.Value("v2"));
            var problem = await put.ShouldBeProblemAsync(HttpStatusCode.Conflict, "fenced");
            (problem.GetProperty("currentEpoch").GetInt64(), problem.GetProperty("leader").GetString()).ShouldBe((2L, "eu-west"));
        }
        finally
        {
            await fixture.HealAsync("ap-south", "eu-west");
        }
    }

    [Fact]
    public async Task The_zombie_leaders_acknowledged_write_shows_up_in_the_orphans_after_the_heal()
    {
        var keyspace = await fixture.CreateKeyspaceAsync("leader", Policy());
        (await fixture.Client("us-east").PutAsync($"/v1/kv/{keyspace}/k", HttpBodies.Value("v1"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await Eventually.HoldsAsync(async () => await (await fixture.Client("eu-west").GetAsync($"/v1/kv/{keyspace}/k")).Content.ReadAsStringAsync() == "v1", "eu-west has v1");

        await fixture.PartitionAsync("us-east", "eu-west");
        await fixture.PartitionAsync("us-east", "ap-south");
        try
        {
            var failover = await fixture.Admin("eu-west").PostAsync($"/v1/admin/keyspaces/{keyspace}/failover", Failover("auto"));
            var report = await failover.Content.ReadAsStringAsync();
            failover.StatusCode.ShouldBe(HttpStatusCode.OK, report);
            var zombie = await fixture.Client("us-east").PutAsync($"/v1/kv/{keyspace}/k", HttpBodies.Value("zombie"));
            zombie.StatusCode.ShouldBe(HttpStatusCode.NoContent, $"cut off, us-east still believes it leads and Async acknowledges: {await zombie.Content.ReadAsStringAsync()} after {report}");
            Header(zombie, "GeoStore-Epoch").ShouldBe("1");
        }
        finally
        {
            await fixture.HealAsync("us-east", "eu-west");
            await fixture.HealAsync("us-east", "ap-south");
        }

        await Eventually.HoldsAsync(async () =>
        {
            var orphans = await (await fixture.Admin("ap-south").GetAsync($"/v1/admin/keyspaces/{keyspace}/orphans")).Content.ReadFromJsonAsync<JsonElement>();
            return orphans.GetProperty("conflicts").EnumerateArray().Any(o => o.GetProperty("key").GetString() == "k" && o.GetProperty("region").GetString() == "us-east");
        }, "the zombie's write is in the orphaned-writes log");
        await Eventually.HoldsAsync(async () => await (await fixture.Client("us-east").GetAsync($"/v1/kv/{keyspace}/k")).Content.ReadAsStringAsync() == "v1",
            "us-east serves the new leader's value again");
    }

    [Fact]
    public async Task A_SemiSync_failover_that_reaches_too_few_followers_answers_503_failover_refused_and_force_promotes()
    {
        var keyspace = await fixture.CreateKeyspaceAsync("leader", """{"mode":"SingleLeader","regions":["us-east","eu-west","ap-south"],"leader":"us-east","replication":"SemiSync","semiSyncAcks":1}""");
        (await fixture.Client("us-east").PutAsync($"/v1/kv/{keyspace}/k", HttpBodies.Value("v1"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await fixture.PartitionAsync("eu-west", "us-east");
        await fixture.PartitionAsync("eu-west", "ap-south");
        try
        {
            var refused = await fixture.Admin("eu-west").PostAsync($"/v1/admin/keyspaces/{keyspace}/failover", Failover("auto"));
            var problem = await refused.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "failover-refused");
            (problem.GetProperty("reason").GetString(), problem.GetProperty("forcible").GetBoolean()).ShouldBe(("TooFewPrepared", true));
            problem.GetProperty("detail").GetString()!.ShouldContain("\"force\": true");

            var forced = await fixture.Admin("eu-west").PostAsync($"/v1/admin/keyspaces/{keyspace}/failover", HttpBodies.Json("""{"target":"auto","force":true}"""));
            var report = await forced.Content.ReadFromJsonAsync<JsonElement>();
            forced.StatusCode.ShouldBe(HttpStatusCode.OK, report.ToString());
            report.GetProperty("to").GetProperty("leader").GetString().ShouldBe("eu-west");
            report.GetProperty("warnings").EnumerateArray().ShouldContain(w => w.GetString()!.StartsWith("FORCED: ", StringComparison.Ordinal));
        }
        finally
        {
            await fixture.HealAsync("eu-west", "us-east");
            await fixture.HealAsync("eu-west", "ap-south");
        }
    }

    [Fact]
    public async Task A_failover_that_expects_an_epoch_already_replaced_answers_409_and_changes_nothing()
    {
        var keyspace = await fixture.CreateKeyspaceAsync("leader", Policy());

        var stale = await fixture.Admin("eu-west").PostAsync($"/v1/admin/keyspaces/{keyspace}/failover", HttpBodies.Json("""{"target":"eu-west","expectedEpoch":2}"""));
        var problem = await stale.ShouldBeProblemAsync(HttpStatusCode.Conflict, "failover-conflict");
        (problem.GetProperty("currentEpoch").GetInt64(), problem.GetProperty("leader").GetString()).ShouldBe((1L, "us-east"));

        var bad = await fixture.Admin("eu-west").PostAsync($"/v1/admin/keyspaces/{keyspace}/failover", HttpBodies.Json("""{"target":"eu-west","expectedEpoch":0}"""));
        (await bad.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-argument")).GetProperty("errors").TryGetProperty("expectedEpoch", out _).ShouldBeTrue();

        var views = await (await fixture.Admin("eu-west").GetAsync($"/v1/admin/keyspaces/{keyspace}/leadership")).Content.ReadFromJsonAsync<JsonElement>();
        views.EnumerateArray().ShouldAllBe(v => v.GetProperty("epoch").GetInt64() == 1);
    }
}
