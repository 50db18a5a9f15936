using System.Numerics;

namespace GeoStore.Bench.Load;

/// <summary>
/// Latencies in microseconds, counted in log-linear buckets as HdrHistogram does: exact below
/// 256 µs, then 128 buckets per power of two (under 0.8 % relative error), from 1 µs to hours in
/// a few thousand counters. Not thread-safe: one per worker, merged after the run.
/// </summary>
public sealed class LatencyHistogram
{
    private const int SubBucketBits = 7;
    private const int SubBuckets = 1 << SubBucketBits;
    private const int LinearLimit = SubBuckets * 2;
    private const int MaxShift = 40;

    private readonly long[] _counts = new long[LinearLimit + (MaxShift * SubBuckets)];

    public long Count { get; private set; }

    public long MaxMicroseconds { get; private set; }

    public double SumMicroseconds { get; private set; }

    public double MeanMilliseconds => Count == 0 ? 0 : SumMicroseconds / Count / 1000;

    public double MaxMilliseconds => MaxMicroseconds / 1000.0;

    public void Record(TimeSpan latency)
    {
        var micros = Math.Max(0, latency.Ticks / TimeSpan.TicksPerMicrosecond);
        _counts[BucketOf(micros)]++;
        Count++;
        SumMicroseconds += micros;
        MaxMicroseconds = Math.Max(MaxMicroseconds, micros);
    }

    public void Add(LatencyHistogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
        SumMicroseconds += other.SumMicroseconds;
        MaxMicroseconds = Math.Max(MaxMicroseconds, other.MaxMicroseconds);
    }

    /// <summary>The latency (ms) at or below which <paramref name="quantile"/> of the recorded values fall; 0 when empty.</summary>
    public double PercentileMilliseconds(double quantile)
    {
        if (Count == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(Math.Clamp(quantile, 0, 1) * Count);
        rank = Math.Max(1, rank);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Math.Min(MidpointOf(i), MaxMicroseconds) / 1000.0;
            }
        }

        return MaxMilliseconds;
    }

    private static int BucketOf(long micros)
    {
        if (micros < LinearLimit)
        {
            return (int)micros;
        }

        var shift = Math.Min(MaxShift, BitOperations.Log2((ulong)micros) - SubBucketBits);
        var sub = Math.Min(SubBuckets - 1, (micros >> shift) - SubBuckets);
        return LinearLimit + ((shift - 1) * SubBuckets) + (int)sub;
    }

    private static double MidpointOf(int bucket)
    {
        if (bucket < LinearLimit)
        {
            return bucket;
        }

        var shift = ((bucket - LinearLimit) / SubBuckets) + 1;
        var lower = (long)(((bucket - LinearLimit) % SubBuckets) + SubBuckets) << shift;
        return lower + ((1L << shift) / 2.0);
    }
}
