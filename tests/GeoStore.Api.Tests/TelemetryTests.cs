using System.Diagnostics;
using System.Net;
using System.Text.Json;
using GeoStore.Grains.Observability;
using GeoStore.Testing;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Shouldly;

namespace GeoStore.Api.Tests;

/// <summary>
/// OpenTelemetry, read with in-memory exporters in this process (every silo and API of the fixture
/// runs here): one trace per client operation across regions, and GeoStore's meters moving.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class TelemetryTests(GeoStoreApiFixture fixture)
{
    private const string Leaderless = """{"mode":"Leaderless","regions":["us-east","eu-west","ap-south"],"n":3,"w":2,"r":2}""";

    private async Task SetLatencyAsync(string a, string b, int latencyMs)
    {
        foreach (var (from, to) in new[] { (a, b), (b, a) })
        {
            var put = await fixture.Admin(from).PutAsync($"/v1/admin/wan/{from}/{to}", HttpBodies.Json(JsonSerializer.Serialize(new { latencyMs })));
            put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        }

        await fixture.WanSettledAsync();
    }

    [Fact]
    public async Task A_quorum_write_is_one_trace_from_the_http_request_to_every_replica_region_and_the_slow_region_shows()
    {
        var keyspace = await fixture.CreateKeyspaceAsync("traced", Leaderless);
        var exported = new List<Activity>();
        using var tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(GeoStoreTelemetry.SourceName, "Microsoft.Orleans.Application", "Microsoft.Orleans.Runtime")
            .AddAspNetCoreInstrumentation()
            .AddInMemoryExporter(exported)
            .Build();

        await SetLatencyAsync("us-east", "ap-south", 150);
        try
        {
            var put = await fixture.Client("us-east").PutAsync($"/v1/kv/{keyspace}/k?w=all", HttpBodies.Value("v"));
            put.StatusCode.ShouldBe(HttpStatusCode.NoContent, await put.Content.ReadAsStringAsync());
        }
        finally
        {
            await SetLatencyAsync("us-east", "ap-south", 0);
        }

        tracing.ForceFlush();
        List<Activity> spans;
        lock (exported)
        {
            spans = [.. exported];
        }

        var request = spans.Single(a => a.Kind == ActivityKind.Server && (a.GetTagItem("url.path") as string)?.Contains(keyspace, StringComparison.Ordinal) == true);
        var trace = spans.Where(a => a.TraceId == request.TraceId).ToList();
        var names = string.Join(", ", trace.Select(a => $"{a.Source.Name}:{a.DisplayName}"));
        trace.ShouldContain(a => a.Source.Name == "Microsoft.Orleans.Application", $"the coordinator's grain calls are in the request's trace: {names}");

        var wan = trace.Where(a => a.Source.Name == GeoStoreTelemetry.SourceName).ToList();
        var reached = wan.Select(a => a.GetTagItem("geostore.peer_region") as string).Distinct().ToList();
        reached.ShouldContain("eu-west", names);
        reached.ShouldContain("ap-south", names);

        // The 150 ms link, paid both ways, is the slowest cross-region call of the write.
        var slowest = wan.MaxBy(a => a.Duration)!;
        slowest.GetTagItem("geostore.peer_region").ShouldBe("ap-south");
        slowest.Duration.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(300));
        slowest.GetTagItem("geostore.wan.one_way_ms").ShouldBe(150);
        slowest.ParentId.ShouldNotBeNull("a WAN call is a child of the grain call that made it");
    }

    [Fact]
    public async Task GeoStore_meters_move_with_writes_replication_quorums_and_group_commits()
    {
        var exported = new List<Metric>();
        using var meters = Sdk.CreateMeterProviderBuilder()
            .AddMeter(GeoStoreMetrics.MeterName)
            .AddInMemoryExporter(exported)
            .Build();
        var multi = await fixture.CreateKeyspaceAsync("metered", """{"mode":"MultiLeader","regions":["us-east","eu-west","ap-south"]}""");
        var quorum = await fixture.CreateKeyspaceAsync("metered", Leaderless);

        for (var i = 0; i < 5; i++)
        {
            (await fixture.Client("us-east").PutAsync($"/v1/kv/{multi}/k{i}", HttpBodies.Value("v"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }

        (await fixture.Client("eu-west").PutAsync($"/v1/kv/{quorum}/q", HttpBodies.Value("v"))).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await Eventually.HoldsAsync(async () => await (await fixture.Client("ap-south").GetAsync($"/v1/kv/{multi}/k4")).Content.ReadAsStringAsync() == "v", "ap-south has k4");

        meters.ForceFlush();
        Sum(exported, "geostore.writes").ShouldBeGreaterThanOrEqualTo(5);
        Sum(exported, "geostore.replication.applied").ShouldBeGreaterThanOrEqualTo(5);
        Sum(exported, "geostore.log.batch_size").ShouldBeGreaterThanOrEqualTo(5, "histogram sum: entries written in group commits");
        Count(exported, "geostore.quorum.duration").ShouldBeGreaterThanOrEqualTo(1);
    }

    private static double Sum(List<Metric> metrics, string name)
    {
        var total = 0d;
        foreach (var metric in metrics.Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                total += metric.MetricType switch
                {
                    MetricType.LongSum => point.GetSumLong(),
                    MetricType.DoubleSum => point.GetSumDouble(),
                    MetricType.Histogram => point.GetHistogramSum(),
                    _ => 0,
                };
            }
        }

        return total;
    }

    private static long Count(List<Metric> metrics, string name)
    {
        var total = 0L;
        foreach (var metric in metrics.Where(m => m.Name == name && m.MetricType == MetricType.Histogram))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                total += point.GetHistogramCount();
            }
        }

        return total;
    }
}
