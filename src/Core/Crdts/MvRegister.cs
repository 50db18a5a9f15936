using System.Collections.Immutable;
using System.Text.Json.Nodes;
using GeoStore.Core.Causality;

namespace GeoStore.Core.Crdts;

/// <summary>
/// A multi-value register: an assignment replaces every value its state has seen, so concurrent
/// assignments all survive until one that saw them all replaces them. <see cref="Values"/> is
/// sorted by dot; <see cref="Context"/> records every dot this state has seen.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record MvRegister(
    [property: Id(0)] ImmutableArray<MvRegisterValue> Values,
    [property: Id(1)] VersionVector Context)
{
    public static MvRegister Empty { get; } = new([], VersionVector.Empty);

    /// <summary>The distinct values' JSON texts in ordinal order: what a reader sees, whatever order the writes arrived in.</summary>
    public IEnumerable<string> Texts => Values.Select(v => v.Json).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    public MvRegister Assign(string json, string region)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentException.ThrowIfNullOrEmpty(region);
        var dot = Context.Next(region);
        return new([new MvRegisterValue(dot, json)], Context.With(dot));
    }

    public static MvRegister Merge(MvRegister a, MvRegister b) =>
        new(CausalDots.Merge(a.Values, a.Context, b.Values, b.Context, static v => v.Dot), a.Context.Join(b.Context));

    public JsonObject ToJson() => new()
    {
        ["type"] = nameof(CrdtType.MvRegister),
        ["values"] = new JsonArray(Texts.Select(t => JsonNode.Parse(t)).ToArray()),
    };

    public bool Equals(MvRegister? other) =>
        other is not null && Context.Equals(other.Context) && SortedMaps.SequenceEqual(Values, other.Values);

    public override int GetHashCode() => HashCode.Combine(Context, SortedMaps.SequenceHash(Values));

    public override string ToString() =>
        $"MvRegister({string.Join(" ", Values.Select(v => $"{v.Json}@{v.Dot}"))} ctx {Context})";
}
