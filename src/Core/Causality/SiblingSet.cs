using System.Collections.Immutable;
using GeoStore.Core.Versioning;

namespace GeoStore.Core.Causality;

/// <summary>
/// The state of one key in one region of a MultiValue keyspace: its concurrent versions (siblings),
/// each named by a dot, and the causal context, a version vector covering every write this replica
/// knows of, including the ones that were since replaced. This is the dotted-version-vector set of
/// Preguiça, Almeida et al. with region names as replica ids: a dot the context covers but the set
/// does not hold was replaced by a write that saw it.
/// </summary>
/// <remarks>
/// <para>
/// Regions ship whole sets to each other and merge them (<see cref="Merge"/>); local writes go
/// through <see cref="Update"/>. A client reads the siblings and <see cref="Context"/> (as a
/// <see cref="CausalContextToken"/>); a write that carries that context replaces exactly the
/// siblings it saw, and a write without one never removes a sibling.
/// </para>
/// <para>
/// The constructor canonicalises: siblings are sorted by dot (region, then counter). It throws when
/// two siblings share a dot or when <paramref name="Context"/> does not cover a sibling's dot, since
/// either would break merging. Equality is structural, value bytes included.
/// </para>
/// </remarks>
[GenerateSerializer, Immutable]
public sealed partial record SiblingSet(ImmutableArray<Sibling> Siblings, VersionVector Context)
{
    public static SiblingSet Empty { get; } = new(ImmutableArray<Sibling>.Empty, VersionVector.Empty);

    /// <summary>The concurrent versions, tombstones included, sorted by dot.</summary>
    [Id(0)]
    public ImmutableArray<Sibling> Siblings { get; } = Canonical(Siblings, Context);

    /// <summary>Every write this replica knows of: the siblings' dots and those of the writes they replaced.</summary>
    [Id(1)]
    public VersionVector Context { get; } = Context;

    /// <summary>How many siblings are values rather than tombstones.</summary>
    public int LiveCount
    {
        get
        {
            var live = 0;
            foreach (var sibling in Siblings)
            {
                live += sibling.IsTombstone ? 0 : 1;
            }

            return live;
        }
    }

    /// <summary>True when the key has no value to read: no siblings at all, or only tombstones.</summary>
    public bool IsEmptyOrDeleted => LiveCount == 0;

    /// <summary>
    /// The sibling value with the highest <see cref="WriteVersion"/> (ties, which a correct clock
    /// does not produce, go to the higher dot), for clients that want one value; it may be a
    /// tombstone. Null when there are no siblings.
    /// </summary>
    public VersionedValue? Newest
    {
        get
        {
            Sibling? newest = null;
            foreach (var sibling in Siblings)
            {
                var order = newest is null ? 1 : sibling.Value.Version.CompareTo(newest.Value.Version);
                if (order > 0 || (order == 0 && sibling.Dot.CompareTo(newest!.Dot) > 0))
                {
                    newest = sibling;
                }
            }

            return newest?.Value;
        }
    }

    public bool Equals(SiblingSet? other) =>
        other is not null
        && Context.Equals(other.Context)
        && Siblings.AsSpan().SequenceEqual(other.Siblings.AsSpan());

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Context);
        foreach (var sibling in Siblings)
        {
            hash.Add(sibling);
        }

        return hash.ToHashCode();
    }

    /// <summary>Formats as <c>[us-east:1=…, eu-west:2=deleted …] context {eu-west:2, us-east:1}</c>.</summary>
    public override string ToString() => $"[{string.Join(", ", Siblings)}] context {Context}";

    private static ImmutableArray<Sibling> Canonical(ImmutableArray<Sibling> siblings, VersionVector context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (siblings.IsDefaultOrEmpty)
        {
            return ImmutableArray<Sibling>.Empty;
        }

        var sorted = true;
        for (var i = 0; i < siblings.Length; i++)
        {
            var sibling = siblings[i];
            if (sibling?.Dot is null || sibling.Value is null || string.IsNullOrEmpty(sibling.Dot.Region) || sibling.Dot.Counter < 1)
            {
                throw new ArgumentException("Every sibling has a value and a dot with a region and a counter of at least 1.", nameof(siblings));
            }

            if (!context.Covers(sibling.Dot))
            {
                throw new ArgumentException($"The context {context} does not cover sibling {sibling.Dot}.", nameof(context));
            }

            sorted &= i == 0 || siblings[i - 1].Dot.CompareTo(sibling.Dot) < 0;
        }

        if (sorted)
        {
            return siblings;
        }

        var ordered = siblings.Sort(static (a, b) => a.Dot.CompareTo(b.Dot));
        for (var i = 1; i < ordered.Length; i++)
        {
            if (ordered[i - 1].Dot.Equals(ordered[i].Dot))
            {
                throw new ArgumentException($"Two siblings share the dot {ordered[i].Dot}.", nameof(siblings));
            }
        }

        return ordered;
    }
}
