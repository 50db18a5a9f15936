using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shouldly;

namespace GeoStore.Api.Tests;

/// <summary>Custom keyspaces name a resolver registered in the silos; the flight-booking sample keeps the first booking of a seat.</summary>
[Collection(ApiCollection.Name)]
public sealed class CustomResolverApiTests(GeoStoreApiFixture fixture)
{
    private const string FlightBookingPolicy = $$"""{"mode":"MultiLeader","regions":{{TestKeyspaces.AllRegions}},"resolver":"Custom","customResolver":"flight-booking"}""";

    private static string NewKeyspace() => $"custom-{Guid.NewGuid():N}";

    [Fact]
    public async Task A_custom_keyspace_naming_a_registered_resolver_is_created_and_echoes_it()
    {
        var name = NewKeyspace();
        var admin = fixture.Admin("eu-west");

        var put = await admin.PutAsync($"/v1/admin/keyspaces/{name}", HttpBodies.Json(FlightBookingPolicy));

        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        foreach (var document in new[] { await put.Content.ReadFromJsonAsync<JsonElement>(), await admin.GetFromJsonAsync<JsonElement>($"/v1/admin/keyspaces/{name}") })
        {
            document.GetProperty("name").GetString().ShouldBe(name);
            document.GetProperty("resolver").GetString().ShouldBe("Custom");
            document.GetProperty("customResolver").GetString().ShouldBe("flight-booking");
        }
    }

    [Theory]
    [InlineData("""{"mode":"MultiLeader","regions":["us-east","eu-west"],"resolver":"Custom","customResolver":"no-such"}""", "customResolver")]
    [InlineData("""{"mode":"MultiLeader","regions":["us-east","eu-west"],"resolver":"Custom"}""", "customResolver")]
    [InlineData("""{"mode":"MultiLeader","regions":["us-east","eu-west"],"resolver":"Custom","customResolver":""}""", "customResolver")]
    [InlineData("""{"mode":"MultiLeader","regions":["us-east","eu-west"],"resolver":"Custom","customResolver":"Flight Booking"}""", "customResolver")]
    [InlineData("""{"mode":"MultiLeader","regions":["us-east","eu-west"],"resolver":"Lww","customResolver":"flight-booking"}""", "customResolver")]
    public async Task An_invalid_custom_resolver_answers_400_naming_the_field(string body, string field)
    {
        await fixture.ShouldRefusePolicyAsync(NewKeyspace(), body, field);
    }

    [Fact]
    public async Task The_resolver_of_an_existing_keyspace_cannot_change()
    {
        var name = NewKeyspace();
        var admin = fixture.Admin("us-east");
        (await admin.PutAsync($"/v1/admin/keyspaces/{name}", HttpBodies.Json("""{"mode":"MultiLeader","regions":["us-east","eu-west"],"resolver":"Lww"}"""))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var response = await admin.PutAsync($"/v1/admin/keyspaces/{name}",
            HttpBodies.Json("""{"mode":"MultiLeader","regions":["us-east","eu-west"],"resolver":"Custom","customResolver":"flight-booking"}"""));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-argument");
        problem.GetProperty("errors").TryGetProperty("resolver", out _).ShouldBeTrue(problem.ToString());
        var kept = await admin.GetFromJsonAsync<JsonElement>($"/v1/admin/keyspaces/{name}");
        kept.GetProperty("resolver").GetString().ShouldBe("Lww");
        kept.TryGetProperty("customResolver", out _).ShouldBeFalse(kept.ToString());
    }

    [Fact]
    public async Task Two_regions_booking_the_same_seat_across_a_cut_converge_on_the_first_booking_and_the_log_holds_the_second()
    {
        var keyspace = await fixture.CreateKeyspaceAsync("flights", FlightBookingPolicy);
        var seat = $"fl-{Guid.NewGuid():N}/seat/12A";
        const string ada = """{"passenger":"Ada","seat":"12A"}""";
        const string bob = """{"passenger":"Bob","seat":"12A"}""";

        var (first, second) = await fixture.WriteOnBothSidesOfACutAsync(keyspace, seat, HttpBodies.Value(ada, "application/json"), HttpBodies.Value(bob, "application/json"));

        var (etag, body) = await fixture.ConvergedAsync(keyspace, seat);
        body.ShouldBe(ada, "the earlier booking keeps the seat, where Lww would keep the later");
        etag.ShouldBe(first.Headers.ETag);
        var record = await fixture.ConflictRecordAsync(keyspace, seat, r => r.LoserVersions().Contains(second.Version()), "Bob's booking lost");
        record.GetProperty("resolver").GetString().ShouldBe("flight-booking");
        record.GetProperty("kind").GetString().ShouldBe("Discarded");
        record.GetProperty("winner").GetString().ShouldBe(first.Version());
        var lost = record.GetProperty("losers").EnumerateArray().ShouldHaveSingleItem();
        lost.GetProperty("contentType").GetString().ShouldBe("application/json");
        lost.GetProperty("text").GetString().ShouldBe(bob);
        lost.TryGetProperty("base64", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task A_booking_beats_a_concurrent_cancellation_even_a_later_one()
    {
        var keyspace = await fixture.CreateKeyspaceAsync("flights", FlightBookingPolicy);
        var seat = $"fl-{Guid.NewGuid():N}/seat/3C";
        const string carol = """{"passenger":"Carol","seat":"3C"}""";

        var (booking, cancellation) = await fixture.WriteOnBothSidesOfACutAsync(keyspace, seat, HttpBodies.Value(carol, "application/json"), null);

        var (etag, body) = await fixture.ConvergedAsync(keyspace, seat);
        body.ShouldBe(carol, "Lww would have kept the later cancellation");
        etag.ShouldBe(booking.Headers.ETag);
        var record = await fixture.ConflictRecordAsync(keyspace, seat, r => r.LoserVersions().Contains(cancellation.Version()), "the cancellation lost");
        record.GetProperty("winner").GetString().ShouldBe(booking.Version());
        record.GetProperty("losers").EnumerateArray().ShouldHaveSingleItem().GetProperty("deleted").GetBoolean().ShouldBeTrue();
    }
}
