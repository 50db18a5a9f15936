using System.Globalization;
using System.Text;
using GeoStore.Bench.Load;
using GeoStore.Bench.Targets;

namespace GeoStore.Bench.Lag;

/// <summary>
/// Measures replication lag one sample at a time: write a value never written before in region A,
/// then poll a GET in region B as tightly as the target allows until it returns that value.
/// Samples cycle through every directed pair of regions, each pair with its own key (a heartbeat
/// key, as pt-heartbeat does), so after the first sample no grain activation is timed, only
/// replication.
/// </summary>
public sealed class ReplicationLagProbe(IBenchTarget target, TimeProvider time, string run)
{
    /// <summary>A sample not readable within this is counted as timed out, not as a lag figure.</summary>
    public static readonly TimeSpan SampleDeadline = TimeSpan.FromSeconds(10);

    private readonly IReadOnlyList<(int From, int To)> _pairs = RegionPairs.Directed([.. Enumerable.Range(0, target.Regions.Count)]);

    /// <summary>Takes <paramref name="samples"/> samples back to back.</summary>
    public Task<LagSamples> MeasureAsync(string phase, int samples, CancellationToken cancellationToken) =>
        Collect(phase, underLoad: false, sample => sample < samples, cancellationToken);

    /// <summary>Takes samples back to back until <paramref name="stop"/> fires; the sample in flight then is dropped.</summary>
    public Task<LagSamples> MeasureUntilAsync(string phase, CancellationToken stop) =>
        Collect(phase, underLoad: true, _ => !stop.IsCancellationRequested, stop);

    private async Task<LagSamples> Collect(string phase, bool underLoad, Func<int, bool> another, CancellationToken cancellationToken)
    {
        var samples = new LagSamples();
        for (var sample = 0; another(sample); sample++)
        {
            var (from, to) = _pairs[sample % _pairs.Count];
            var key = BenchKeys.LagKey(run, target.Regions[from], target.Regions[to]);
            var value = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{phase}/{sample}"));
            try
            {
                var lag = await Sample(from, to, key, value, cancellationToken);
                if (lag is { } measured)
                {
                    samples.LagsMs.Add(measured.TotalMilliseconds);
                }
                else
                {
                    samples.TimedOut++;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                if (!underLoad)
                {
                    throw;
                }

                break;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                samples.Failed++;
            }
        }

        return samples;
    }

    /// <summary>
    /// The lag of one write, or null when it did not arrive within <see cref="SampleDeadline"/>:
    /// from the PUT's acknowledgement until the first GET that returns the value has answered.
    /// </summary>
    private async Task<TimeSpan?> Sample(int from, int to, string key, byte[] value, CancellationToken cancellationToken)
    {
        await target.PutAsync(from, key, value, cancellationToken);
        var acknowledged = time.GetTimestamp();
        while (true)
        {
            var seen = await target.GetAsync(to, key, cancellationToken);
            var elapsed = time.GetElapsedTime(acknowledged);
            if (seen is not null && seen.AsSpan().SequenceEqual(value))
            {
                return elapsed;
            }

            if (elapsed > SampleDeadline)
            {
                return null;
            }

            await Task.Delay(target.LagPollInterval, time, cancellationToken);
        }
    }
}
