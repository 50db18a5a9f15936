using System.Diagnostics.Metrics;

namespace GeoStore.Grains.Chain;

/// <summary>
/// Chain replication's metrics, on GeoStore's meter: how long chain operations take by outcome,
/// and every reconfiguration a coordinator made, by the member it removed.
/// </summary>
public sealed class ChainMetrics
{
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _reconfigurations;

    public ChainMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Observability.GeoStoreMetrics.MeterName);
        _duration = meter.CreateHistogram<double>("geostore.chain.duration", "ms", "Time a Chain coordinator took to have a write acknowledged by the tail (or a read answered), or to give up, by operation and outcome.");
        _reconfigurations = meter.CreateCounter<long>("geostore.chain.reconfigurations", "{reconfiguration}", "Chain reconfigurations a coordinator made after a member could not be reached, by keyspace and removed member.");
    }

    public void RecordOperation(string region, string keyspace, string operation, string outcome, TimeSpan elapsed) =>
        _duration.Record(elapsed.TotalMilliseconds, new("region", region), new("keyspace", keyspace), new("operation", operation), new("outcome", outcome));

    public void RecordReconfiguration(string region, string keyspace, string removed) =>
        _reconfigurations.Add(1, new("region", region), new("keyspace", keyspace), new("removed", removed));
}
