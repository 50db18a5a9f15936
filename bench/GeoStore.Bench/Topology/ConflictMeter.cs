using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using GeoStore.Grains.Observability;

namespace GeoStore.Bench.Topology;

/// <summary>
/// Counts the <c>geostore.conflicts</c> metric per keyspace, over every silo of this process. It
/// counts every resolution, including records a full conflict log later dropped, so it checks
/// the count read back from the logs.
/// </summary>
public sealed class ConflictMeter : IDisposable
{
    public const string InstrumentName = "geostore.conflicts";

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _byKeyspace = new(StringComparer.Ordinal);

    public ConflictMeter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == GeoStoreMetrics.MeterName && instrument.Name == InstrumentName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.Start();
    }

    public long Count(string keyspace) => _byKeyspace.GetValueOrDefault(keyspace);

    public void Dispose() => _listener.Dispose();

    private void OnMeasurement(Instrument instrument, long measurement, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        foreach (var tag in tags)
        {
            if (tag is { Key: "keyspace", Value: string keyspace })
            {
                _byKeyspace.AddOrUpdate(keyspace, measurement, (_, count) => count + measurement);
                return;
            }
        }
    }
}
