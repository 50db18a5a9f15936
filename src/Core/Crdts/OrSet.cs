using System.Collections.Immutable;
using System.Text.Json.Nodes;
using GeoStore.Core.Causality;

namespace GeoStore.Core.Crdts;

/// <summary>
/// An add-wins observed-remove set without tombstones (ORSWOT): each element carries the dots of
/// the adds that keep it, and <see cref="Context"/> records every dot this state has seen. A remove
/// drops the dots it saw; a concurrent add brings a dot the remover never saw, so the element stays.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record OrSet(
    [property: Id(0)] ImmutableSortedDictionary<string, ImmutableArray<Dot>> Elements,
    [property: Id(1)] VersionVector Context)
{
    public static OrSet Empty { get; } = new(SortedMaps.Empty<ImmutableArray<Dot>>(), VersionVector.Empty);

    /// <summary>The elements in ordinal order.</summary>
    public IEnumerable<string> Values => Elements.Keys.Order(StringComparer.Ordinal);

    public bool Contains(string element) => Elements.ContainsKey(element);

    /// <summary>Adds the elements under one new dot of <paramref name="region"/>; it replaces the dots they had.</summary>
    public OrSet Add(IEnumerable<string> elements, string region)
    {
        ArgumentException.ThrowIfNullOrEmpty(region);
        var dot = Context.Next(region);
        var builder = Elements.ToBuilder();
        foreach (var element in elements)
        {
            // The dots replaced are all in Context, so a state that still holds them drops them on merge.
            builder[element] = [dot];
        }

        return new(builder.ToImmutable(), Context.With(dot));
    }

    /// <summary>Removes the elements as far as this state has seen them.</summary>
    public OrSet Remove(IEnumerable<string> elements) => this with { Elements = Elements.RemoveRange(elements) };

    /// <summary>Removes every element this state has seen (a map field removal).</summary>
    public OrSet RemoveObserved() => this with { Elements = Elements.Clear() };

    public static OrSet Merge(OrSet a, OrSet b)
    {
        var elements = SortedMaps.Empty<ImmutableArray<Dot>>().ToBuilder();
        foreach (var (element, dotsA) in a.Elements)
        {
            var dotsB = b.Elements.GetValueOrDefault(element, ImmutableArray<Dot>.Empty);
            var dots = CausalDots.Merge(dotsA, a.Context, dotsB, b.Context);
            if (!dots.IsEmpty)
            {
                elements[element] = dots;
            }
        }

        foreach (var (element, dotsB) in b.Elements)
        {
            if (!a.Elements.ContainsKey(element))
            {
                var dots = CausalDots.Merge([], a.Context, dotsB, b.Context);
                if (!dots.IsEmpty)
                {
                    elements[element] = dots;
                }
            }
        }

        return new(elements.ToImmutable(), a.Context.Join(b.Context));
    }

    public JsonObject ToJson() => new()
    {
        ["type"] = nameof(CrdtType.OrSet),
        ["elements"] = new JsonArray(Values.Select(e => (JsonNode?)e).ToArray()),
    };

    public bool Equals(OrSet? other) =>
        other is not null && Context.Equals(other.Context) && SortedMaps.Equal(Elements, other.Elements, SortedMaps.SequenceEqual);

    public override int GetHashCode() => HashCode.Combine(Context, SortedMaps.Hash(Elements, SortedMaps.SequenceHash));

    public override string ToString() =>
        $"OrSet({string.Join(" ", Values.Select(e => $"{e}@[{string.Join(",", Elements[e])}]"))} ctx {Context})";
}
