using System.Collections.Immutable;
using GeoStore.Core.Clocks;

namespace GeoStore.Core.Versioning;

/// <summary>
/// For one key at one replica: the newest write timestamp it has seen from each region. Writes of
/// one key in one region are serialized and their timestamps grow, so "the vector's entry for
/// region r is at least t" means "the write (r, t) and everything r wrote to the key before it are
/// in this replica's past". That one comparison tells a causal overwrite from a concurrent one
/// (the conflicts the log records) and a fresh read from a stale one (session guarantees).
/// </summary>
[GenerateSerializer, Immutable]
public sealed class TimestampVector : IEquatable<TimestampVector>
{
    // Travels as a sorted array: Orleans' sorted-dictionary codec serializes the key comparer as an
    // object, which made every replicated entry several times as expensive to ship.
    [Id(0)]
    private readonly ImmutableArray<KeyValuePair<string, HybridTimestamp>> _pairs;

    [NonSerialized]
    private ImmutableSortedDictionary<string, HybridTimestamp>? _entries;

    public TimestampVector(ImmutableSortedDictionary<string, HybridTimestamp> entries)
    {
        _entries = entries.KeyComparer == StringComparer.Ordinal ? entries : entries.WithComparers(StringComparer.Ordinal);
        _pairs = [.. _entries];
    }

    public static TimestampVector Empty { get; } = new(ImmutableSortedDictionary.Create<string, HybridTimestamp>(StringComparer.Ordinal));

    /// <summary>The newest timestamp per region, ordered by region name.</summary>
    public ImmutableSortedDictionary<string, HybridTimestamp> Entries =>
        _entries ??= ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, _pairs.IsDefault ? [] : _pairs);

    public HybridTimestamp this[string region] => Entries.GetValueOrDefault(region, HybridTimestamp.Zero);

    /// <summary>True when the write <paramref name="version"/> is in this vector's past.</summary>
    public bool Covers(WriteVersion version) => this[version.Region] >= version.Timestamp;

    /// <summary>This vector with <paramref name="version"/> added.</summary>
    public TimestampVector With(WriteVersion version) =>
        Covers(version) ? this : new(Entries.SetItem(version.Region, version.Timestamp));

    /// <summary>Pointwise newest of the two: commutative, associative and idempotent.</summary>
    public TimestampVector Join(TimestampVector? other)
    {
        if (other is null || other.Entries.Count == 0 || ReferenceEquals(this, other))
        {
            return this;
        }

        var builder = Entries.ToBuilder();
        foreach (var (region, timestamp) in other.Entries)
        {
            if (!builder.TryGetValue(region, out var mine) || timestamp > mine)
            {
                builder[region] = timestamp;
            }
        }

        return builder.Count == Entries.Count && builder.All(e => Entries[e.Key] == e.Value) ? this : new(builder.ToImmutable());
    }

    /// <summary>True when every entry of <paramref name="other"/> is covered here.</summary>
    public bool Dominates(TimestampVector other) => other.Entries.All(e => this[e.Key] >= e.Value);

    public override bool Equals(object? obj) => Equals(obj as TimestampVector);

    public bool Equals(TimestampVector? other) =>
        other is not null && Entries.Count == other.Entries.Count && Entries.All(e => other.Entries.TryGetValue(e.Key, out var t) && t == e.Value);

    public override int GetHashCode() => Entries.Aggregate(Entries.Count, (hash, e) => HashCode.Combine(hash, e.Key, e.Value));

    /// <summary><c>region=wall.logical</c> pairs separated by commas, for a response header.</summary>
    public override string ToString() => string.Join(", ", Entries.Select(e => $"{e.Key}={e.Value}"));
}
