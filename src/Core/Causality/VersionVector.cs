using System.Collections.Immutable;

namespace GeoStore.Core.Causality;

/// <summary>
/// A version vector over regions: for each region, how many of its writes to a key are known. It
/// covers dot (r, n) when its entry for r is at least n, so it stands for every dot of r up to n.
/// It is the causal context both of a <see cref="SiblingSet"/> and of the CRDT states that tag
/// their entries with dots (<see cref="Crdts.OrSet"/>, <see cref="Crdts.MvRegister"/>,
/// <see cref="Crdts.CrdtMap"/>).
/// </summary>
/// <remarks>
/// The constructor canonicalises <paramref name="Entries"/>: one entry per region holding the
/// highest counter given for it, zero entries dropped, sorted by region (ordinal); it throws on a
/// null entry, an empty region name or a negative counter. Equal vectors are therefore equal
/// records with equal hash codes, and serialise to the same bytes.
/// </remarks>
[GenerateSerializer, Immutable]
public sealed record VersionVector(ImmutableArray<Dot> Entries)
{
    public static VersionVector Empty { get; } = new(ImmutableArray<Dot>.Empty);

    /// <summary>The newest dot known from each region, sorted by region; no counter is zero.</summary>
    [Id(0)]
    public ImmutableArray<Dot> Entries { get; } = Canonical(Entries);

    /// <summary>How many writes of <paramref name="region"/> this vector knows; 0 when it names none.</summary>
    public long this[string region]
    {
        get
        {
            var index = IndexOf(region);
            return index >= 0 ? Entries[index].Counter : 0;
        }
    }

    public bool IsEmpty => Entries.IsEmpty;

    public bool Covers(Dot dot)
    {
        ArgumentNullException.ThrowIfNull(dot);
        return this[dot.Region] >= dot.Counter;
    }

    /// <summary>
    /// The dot of <paramref name="region"/>'s next write on a state with this vector as its
    /// context: one past the highest counter known from that region.
    /// </summary>
    public Dot Next(string region)
    {
        ArgumentException.ThrowIfNullOrEmpty(region);
        return new Dot(region, this[region] + 1);
    }

    /// <summary>The pointwise maximum: the smallest vector that covers everything either covers.</summary>
    public VersionVector Join(VersionVector other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Descends(this))
        {
            return other;
        }

        if (Descends(other))
        {
            return this;
        }

        var joined = ImmutableArray.CreateBuilder<Dot>(Entries.Length + other.Entries.Length);
        int i = 0, j = 0;
        while (i < Entries.Length || j < other.Entries.Length)
        {
            var order = i == Entries.Length ? 1
                : j == other.Entries.Length ? -1
                : string.CompareOrdinal(Entries[i].Region, other.Entries[j].Region);
            if (order < 0)
            {
                joined.Add(Entries[i++]);
            }
            else if (order > 0)
            {
                joined.Add(other.Entries[j++]);
            }
            else
            {
                joined.Add(Entries[i].Counter >= other.Entries[j].Counter ? Entries[i] : other.Entries[j]);
                i++;
                j++;
            }
        }

        return new VersionVector(joined.DrainToImmutable());
    }

    /// <summary>True when this vector covers everything <paramref name="other"/> covers (equal vectors included).</summary>
    public bool Descends(VersionVector other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var entry in other.Entries)
        {
            if (this[entry.Region] < entry.Counter)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when this vector covers everything <paramref name="other"/> covers, and more.</summary>
    public bool Dominates(VersionVector other) => Descends(other) && !other.Descends(this);

    /// <summary>True when each vector covers a dot the other does not: the histories diverged.</summary>
    public bool IsConcurrentWith(VersionVector other) => !Descends(other) && !other.Descends(this);

    /// <summary>
    /// This vector extended to cover <paramref name="dot"/>, and with it every earlier dot of its
    /// region: a version vector cannot leave gaps.
    /// </summary>
    public VersionVector With(Dot dot)
    {
        ArgumentNullException.ThrowIfNull(dot);
        ArgumentOutOfRangeException.ThrowIfLessThan(dot.Counter, 1, nameof(dot));
        return Covers(dot) ? this : new VersionVector(Entries.Add(dot));
    }

    public bool Equals(VersionVector? other) =>
        other is not null && Entries.AsSpan().SequenceEqual(other.Entries.AsSpan());

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var entry in Entries)
        {
            hash.Add(entry);
        }

        return hash.ToHashCode();
    }

    /// <summary>Formats as <c>{eu-west:1, us-east:3}</c>.</summary>
    public override string ToString() => $"{{{string.Join(", ", Entries)}}}";

    private int IndexOf(string region)
    {
        ArgumentNullException.ThrowIfNull(region);
        int low = 0, high = Entries.Length - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            var order = string.CompareOrdinal(Entries[middle].Region, region);
            if (order == 0)
            {
                return middle;
            }

            if (order < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return -1;
    }

    private static ImmutableArray<Dot> Canonical(ImmutableArray<Dot> entries)
    {
        if (entries.IsDefaultOrEmpty)
        {
            return ImmutableArray<Dot>.Empty;
        }

        var canonical = true;
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i];
            if (entry is null || string.IsNullOrEmpty(entry.Region))
            {
                throw new ArgumentException("Every entry of a version vector names a region.", nameof(entries));
            }

            if (entry.Counter < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(entries), entry.Counter, $"The counter for region '{entry.Region}' is negative.");
            }

            canonical &= entry.Counter > 0 && (i == 0 || string.CompareOrdinal(entries[i - 1].Region, entry.Region) < 0);
        }

        if (canonical)
        {
            return entries;
        }

        var highest = new SortedDictionary<string, Dot>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (entry.Counter > 0 && (!highest.TryGetValue(entry.Region, out var known) || known.Counter < entry.Counter))
            {
                highest[entry.Region] = entry;
            }
        }

        return [.. highest.Values];
    }
}
