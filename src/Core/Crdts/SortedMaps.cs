using System.Collections.Immutable;

namespace GeoStore.Core.Crdts;

/// <summary>
/// The string-keyed sorted dictionaries inside CRDT states: created with the ordinal comparer and
/// compared by content, because immutable collections compare by reference.
/// </summary>
internal static class SortedMaps
{
    public static ImmutableSortedDictionary<string, T> Empty<T>() => ImmutableSortedDictionary.Create<string, T>(StringComparer.Ordinal);

    /// <summary>Pointwise maximum; the join of two per-region counters.</summary>
    public static ImmutableSortedDictionary<string, long> Max(ImmutableSortedDictionary<string, long> a, ImmutableSortedDictionary<string, long> b)
    {
        var result = a.ToBuilder();
        foreach (var (key, value) in b)
        {
            if (value > result.GetValueOrDefault(key))
            {
                result[key] = value;
            }
        }

        return result.ToImmutable();
    }

    public static bool Equal<T>(ImmutableSortedDictionary<string, T> a, ImmutableSortedDictionary<string, T> b, Func<T, T, bool> valuesEqual)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a.Count != b.Count)
        {
            return false;
        }

        // Lookups rather than ordered zips: a deserialized dictionary may carry another comparer.
        foreach (var (key, value) in a)
        {
            if (!b.TryGetValue(key, out var other) || !valuesEqual(value, other))
            {
                return false;
            }
        }

        return true;
    }

    public static bool Equal<T>(ImmutableSortedDictionary<string, T> a, ImmutableSortedDictionary<string, T> b) =>
        Equal(a, b, EqualityComparer<T>.Default.Equals);

    /// <summary>An order-independent hash consistent with <see cref="Equal{T}(ImmutableSortedDictionary{string, T}, ImmutableSortedDictionary{string, T}, Func{T, T, bool})"/>.</summary>
    public static int Hash<T>(ImmutableSortedDictionary<string, T> map, Func<T, int> valueHash)
    {
        var hash = map.Count;
        foreach (var (key, value) in map)
        {
            hash += HashCode.Combine(StringComparer.Ordinal.GetHashCode(key), valueHash(value));
        }

        return hash;
    }

    public static int Hash<T>(ImmutableSortedDictionary<string, T> map) => Hash(map, v => v is null ? 0 : EqualityComparer<T>.Default.GetHashCode(v));

    public static bool SequenceEqual<T>(ImmutableArray<T> a, ImmutableArray<T> b) =>
        a.IsDefaultOrEmpty ? b.IsDefaultOrEmpty : !b.IsDefault && a.AsSpan().SequenceEqual(b.AsSpan());

    public static int SequenceHash<T>(ImmutableArray<T> items)
    {
        var hash = new HashCode();
        if (!items.IsDefault)
        {
            foreach (var item in items)
            {
                hash.Add(item);
            }
        }

        return hash.ToHashCode();
    }
}
