using System.Collections.Immutable;
using System.Text.Json.Nodes;
using GeoStore.Core.Causality;
using GeoStore.Core.Clocks;

namespace GeoStore.Core.Crdts;

/// <summary>
/// A map of named fields, each a counter, an add-wins set or a last-writer-wins register. Field
/// presence works like an add-wins set (<see cref="OrSet"/>): every update gives the field a new
/// dot, a removal drops the dots it saw, so an update concurrent with a removal keeps the field.
/// The removal also resets what it saw of the nested value (see <see cref="PnCounter"/>).
/// </summary>
/// <remarks>
/// <see cref="Fields"/> keeps one <see cref="CrdtMapEntry"/> per field and type, sorted by type.
/// A field's type is fixed by the update that creates it; when two regions concurrently create
/// the same field with different types, both entries live on and every replica shows the one
/// whose type comes first in <see cref="CrdtType"/>, until a removal of the field clears both.
/// </remarks>
[GenerateSerializer, Immutable]
public sealed record CrdtMap(
    [property: Id(0)] ImmutableSortedDictionary<string, ImmutableArray<CrdtMapEntry>> Fields,
    [property: Id(1)] VersionVector Context)
{
    public static CrdtMap Empty { get; } = new(SortedMaps.Empty<ImmutableArray<CrdtMapEntry>>(), VersionVector.Empty);

    /// <summary>The fields present, in ordinal order.</summary>
    public IEnumerable<string> FieldNames =>
        Fields.Where(f => f.Value.Any(e => e.IsLive)).Select(f => f.Key).Order(StringComparer.Ordinal);

    /// <summary>The type a field operation creates or needs: counter, set or register; null for map operations.</summary>
    public static CrdtType? FieldTypeFor(CrdtOperationKind kind) => kind switch
    {
        CrdtOperationKind.Increment or CrdtOperationKind.Decrement => CrdtType.PnCounter,
        CrdtOperationKind.Add or CrdtOperationKind.Remove => CrdtType.OrSet,
        CrdtOperationKind.Assign => CrdtType.LwwRegister,
        _ => null,
    };

    /// <summary>The value of a present field, or null when the field is absent.</summary>
    public CrdtValue? Get(string field) => Visible(field)?.Value;

    /// <summary>Why <paramref name="operation"/> (an <c>update</c>) conflicts with the field's type here, or null.</summary>
    public string? ValidateFieldType(CrdtOperation operation)
    {
        if (operation is not { Kind: CrdtOperationKind.Update, Field: { } field, Operation: { } inner }
            || FieldTypeFor(inner.Kind) is not { } wanted
            || Visible(field) is not { } current
            || current.Value.Type == wanted)
        {
            return null;
        }

        return $"Field '{field}' has type {current.Value.Type}; '{inner.Name}' needs type {wanted}. Remove the field first to change its type.";
    }

    public CrdtMap Update(string field, CrdtOperation operation, string region, HybridTimestamp timestamp)
    {
        var type = FieldTypeFor(operation.Kind)
            ?? throw new CrdtOperationException($"A map field cannot take '{operation.Name}'.");
        if (ValidateFieldType(CrdtOperation.Update(field, operation)) is { } problem)
        {
            throw new CrdtOperationException(problem);
        }

        var entries = Fields.GetValueOrDefault(field, ImmutableArray<CrdtMapEntry>.Empty);
        var index = IndexOf(entries, type);
        var value = (index >= 0 ? entries[index].Value : CrdtValue.Empty(type)).Apply(operation, region, timestamp);

        // The new dot replaces the ones this state holds: they are all in Context, so a state that
        // still holds them drops them on merge, and the entry keeps at most one dot per region.
        var dot = Context.Next(region);
        var entry = new CrdtMapEntry([dot], value);
        entries = index >= 0 ? entries.SetItem(index, entry) : [.. entries.Append(entry).OrderBy(e => e.Value.Type)];
        return new(Fields.SetItem(field, entries), Context.With(dot));
    }

    /// <summary>Removes the field as far as this state has seen it, whatever its type.</summary>
    public CrdtMap RemoveField(string field)
    {
        if (!Fields.TryGetValue(field, out var entries))
        {
            return this;
        }

        ImmutableArray<CrdtMapEntry> removed = [.. entries.Select(e => new CrdtMapEntry([], e.Value.RemoveObserved()))];
        return this with { Fields = Fields.SetItem(field, removed) };
    }

    public static CrdtMap Merge(CrdtMap a, CrdtMap b)
    {
        var fields = a.Fields.ToBuilder();
        foreach (var (field, entriesB) in b.Fields)
        {
            fields[field] = MergeEntries(a.Fields.GetValueOrDefault(field, ImmutableArray<CrdtMapEntry>.Empty), a.Context, entriesB, b.Context);
        }

        foreach (var (field, entriesA) in a.Fields)
        {
            if (!b.Fields.ContainsKey(field))
            {
                fields[field] = MergeEntries(entriesA, a.Context, [], b.Context);
            }
        }

        return new(fields.ToImmutable(), a.Context.Join(b.Context));
    }

    public JsonObject ToJson()
    {
        var fields = new JsonObject();
        foreach (var field in FieldNames)
        {
            fields[field] = Get(field)!.ToJson();
        }

        return new JsonObject { ["type"] = nameof(CrdtType.Map), ["fields"] = fields };
    }

    public bool Equals(CrdtMap? other) =>
        other is not null && Context.Equals(other.Context) && SortedMaps.Equal(Fields, other.Fields, SortedMaps.SequenceEqual);

    public override int GetHashCode() => HashCode.Combine(Context, SortedMaps.Hash(Fields, SortedMaps.SequenceHash));

    public override string ToString() =>
        $"CrdtMap({string.Join(" ", Fields.Select(f => $"{f.Key}=[{string.Join(" ", f.Value)}]"))} ctx {Context})";

    /// <summary>The live entry a reader sees: the first live type in <see cref="CrdtType"/> order.</summary>
    private CrdtMapEntry? Visible(string field) =>
        Fields.TryGetValue(field, out var entries) ? entries.FirstOrDefault(e => e.IsLive) : null;

    private static int IndexOf(ImmutableArray<CrdtMapEntry> entries, CrdtType type)
    {
        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i].Value.Type == type)
            {
                return i;
            }
        }

        return -1;
    }

    private static ImmutableArray<CrdtMapEntry> MergeEntries(
        ImmutableArray<CrdtMapEntry> a, VersionVector contextA, ImmutableArray<CrdtMapEntry> b, VersionVector contextB)
    {
        var merged = ImmutableArray.CreateBuilder<CrdtMapEntry>(Math.Max(a.Length, b.Length));
        foreach (var type in a.Concat(b).Select(e => e.Value.Type).Distinct().Order())
        {
            var entryA = a.FirstOrDefault(e => e.Value.Type == type);
            var entryB = b.FirstOrDefault(e => e.Value.Type == type);
            var dots = CausalDots.Merge(entryA?.Dots ?? [], contextA, entryB?.Dots ?? [], contextB);
            var value = entryA is null ? entryB!.Value : entryB is null ? entryA.Value : CrdtValue.Merge(entryA.Value, entryB.Value);
            merged.Add(new CrdtMapEntry(dots, value));
        }

        return merged.DrainToImmutable();
    }
}
