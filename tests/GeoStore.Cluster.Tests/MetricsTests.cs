using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using GeoStore.Core.Wan;
using GeoStore.Testing;
using Shouldly;

namespace GeoStore.Cluster.Tests;

/// <summary>GeoStore's meter publishes writes, replication lag per link, and WAN refusals.</summary>
public sealed class MetricsTests(ThreeRegionFixture fixture) : IClassFixture<ThreeRegionFixture>
{
    private GeoCluster Geo => fixture.Geo;

    private static long Observe(string instrument, string region, string peer)
    {
        var seen = new ConcurrentBag<long>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (i, l) =>
            {
                if (i.Meter.Name == "GeoStore" && i.Name == instrument)
                {
                    l.EnableMeasurementEvents(i);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var dict = tags.ToArray().ToDictionary(t => t.Key, t => t.Value as string);
            if (dict.GetValueOrDefault("region") == region && dict.GetValueOrDefault("peer") == peer)
            {
                seen.Add(value);
            }
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return seen.DefaultIfEmpty(0).Max();
    }

    [Fact]
    public async Task Replication_lag_is_published_per_link_and_returns_to_zero_after_heal()
    {
        await Geo.SetLinkAsync("ap-south", "us-east", new WanLink(Cut: true));
        try
        {
            await Geo.PutAsync("ap-south", "default", $"metrics/{Guid.NewGuid():N}", "v");
            await Eventually.HoldsAsync(
                () => Observe("geostore.replication.lag.entries", "ap-south", "us-east") > 0 && Observe("geostore.replication.lag.ms", "ap-south", "us-east") > 0,
                "the lag gauges show ap-south->us-east behind");
        }
        finally
        {
            await Geo.SetLinkAsync("ap-south", "us-east", WanLink.Healthy);
        }

        await Eventually.HoldsAsync(() => Observe("geostore.replication.lag.entries", "ap-south", "us-east") == 0, "the lag gauge returns to zero");
    }
}
