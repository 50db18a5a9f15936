using System.Net;
using Shouldly;

namespace GeoStore.Api.Tests;

/// <summary>The process endpoints of an API the AppHost did not start (the AppHost's own are tested with real processes).</summary>
[Collection(ApiCollection.Name)]
public sealed class ProcessesApiTests(GeoStoreApiFixture fixture)
{
    [Fact]
    public async Task Without_the_AppHost_there_are_no_processes_to_show_or_control()
    {
        var list = await fixture.Admin("us-east").GetAsync("/v1/admin/processes");
        await list.ShouldBeProblemAsync(HttpStatusCode.NotFound, "no-process-control");

        var kill = await fixture.Admin("us-east").PostAsync("/v1/admin/regions/ap-south/stop", null);
        await kill.ShouldBeProblemAsync(HttpStatusCode.NotFound, "no-process-control");
    }

    [Fact]
    public async Task A_region_that_does_not_exist_or_a_call_without_the_token_is_refused()
    {
        var unknown = await fixture.Admin("us-east").PostAsync("/v1/admin/regions/moon/stop", null);
        (await unknown.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-argument")).GetProperty("errors").TryGetProperty("region", out _).ShouldBeTrue();

        var anonymous = await fixture.Client("us-east").PostAsync("/v1/admin/regions/ap-south/stop", null);
        await anonymous.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }
}
