using System.Collections.Immutable;

namespace GeoStore.Core.Leadership;

/// <summary>
/// A follower as a failover sees it: whether it answered the prepare (and so, durably, refuses the
/// old epoch's entries from now on), how far it had received the old leader's log on each shard of
/// that log when it answered, and the newest epoch it knows. An unprepared follower's positions are
/// unknown (empty).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record FailoverCandidate
{
    /// <param name="region">The follower's region.</param>
    /// <param name="prepared">True when the follower answered the prepare; only prepared followers are promoted.</param>
    /// <param name="receivedThrough">Per shard of the old leader's log, the sequence it received through (a missing shard: none).</param>
    /// <param name="epoch">The newest epoch number it knows, at least 1.</param>
    public FailoverCandidate(string region, bool prepared, ImmutableDictionary<int, long> receivedThrough, long epoch)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        ArgumentNullException.ThrowIfNull(receivedThrough);
        foreach (var (shard, sequence) in receivedThrough)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(shard, nameof(receivedThrough));
            ArgumentOutOfRangeException.ThrowIfNegative(sequence, nameof(receivedThrough));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(epoch, 1);
        Region = region;
        Prepared = prepared;
        ReceivedThrough = receivedThrough;
        Epoch = epoch;
    }

    [Id(0)]
    public string Region { get; }

    [Id(1)]
    public bool Prepared { get; }

    [Id(2)]
    public ImmutableDictionary<int, long> ReceivedThrough { get; }

    [Id(3)]
    public long Epoch { get; }

    /// <summary>Every shard's position added up (for display and to rank followers that all lack something).</summary>
    public long Total => ReceivedThrough.Values.Sum();

    /// <summary>How far this follower received shard <paramref name="shard"/>.</summary>
    public long ReceivedIn(int shard) => ReceivedThrough.GetValueOrDefault(shard);

    /// <summary>True when this follower received at least <paramref name="positions"/> on every shard.</summary>
    public bool Holds(IReadOnlyDictionary<int, long> positions) => positions.All(p => ReceivedIn(p.Key) >= p.Value);
}
