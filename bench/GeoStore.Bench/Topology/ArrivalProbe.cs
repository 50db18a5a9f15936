using GeoStore.Bench.Lag;
using GeoStore.Core.Versioning;

namespace GeoStore.Bench.Topology;

/// <summary>
/// Replication lag of sampled writes of the load itself: once a write is acknowledged in its
/// origin, a read in each other region asks for that version (a session read, which the register
/// answers as soon as it has applied the version: no polling, so no poll interval in the figure
/// and no polling load). The lag is the time from the acknowledgement until that read answers.
/// Keys were written once before the load, so no grain activation is timed.
/// </summary>
public sealed class ArrivalProbe(TopologyCluster cluster, string keyspace, TimeProvider time)
{
    /// <summary>A version not served within this counts as timed out, not as a lag figure.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private readonly Dictionary<(int Origin, int Target), LagSamples> _samples = [];
    private readonly List<Task> _pending = [];

    /// <summary>Starts following a write acknowledged at <paramref name="acknowledgedAt"/> (a <see cref="TimeProvider"/> timestamp).</summary>
    public void Follow(int origin, string key, WriteVersion version, long acknowledgedAt)
    {
        for (var target = 0; target < cluster.Regions.Count; target++)
        {
            if (target != origin)
            {
                var arrival = Await(origin, target, key, version, acknowledgedAt);
                lock (_gate)
                {
                    _pending.Add(arrival);
                }
            }
        }
    }

    /// <summary>Waits for every followed write and returns the samples per (origin, target) region index pair.</summary>
    public async Task<IReadOnlyDictionary<(int Origin, int Target), LagSamples>> CompleteAsync()
    {
        Task[] pending;
        lock (_gate)
        {
            pending = [.. _pending];
        }

        await Task.WhenAll(pending);
        lock (_gate)
        {
            return new Dictionary<(int Origin, int Target), LagSamples>(_samples);
        }
    }

    private async Task Await(int origin, int target, string key, WriteVersion version, long acknowledgedAt)
    {
        bool? served;
        try
        {
            served = await cluster.AwaitServedAsync(target, keyspace, key, version, Deadline);
        }
        catch (Exception)
        {
            served = null;
        }

        var lag = time.GetElapsedTime(acknowledgedAt);
        lock (_gate)
        {
            if (!_samples.TryGetValue((origin, target), out var samples))
            {
                _samples[(origin, target)] = samples = new LagSamples();
            }

            switch (served)
            {
                case true:
                    samples.LagsMs.Add(lag.TotalMilliseconds);
                    break;
                case false:
                    samples.TimedOut++;
                    break;
                default:
                    samples.Failed++;
                    break;
            }
        }
    }
}
