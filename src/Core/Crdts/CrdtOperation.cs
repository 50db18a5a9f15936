using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace GeoStore.Core.Crdts;

/// <summary>
/// One operation on a CRDT key, as parsed from JSON by <see cref="CrdtOperationParser"/> or built
/// with the factory methods. Which members matter depends on <see cref="Kind"/>:
/// <see cref="By"/> for counters, <see cref="Elements"/> for sets, <see cref="Value"/> (compact
/// JSON text) for registers, <see cref="Field"/> and <see cref="Operation"/> for maps.
/// <see cref="Validate"/> says whether it is well formed for a CRDT type.
/// </summary>
[GenerateSerializer, Immutable]
public sealed partial record CrdtOperation(
    [property: Id(0)] CrdtOperationKind Kind,
    [property: Id(1)] long By,
    [property: Id(2)] ImmutableArray<string> Elements,
    [property: Id(3)] string? Value,
    [property: Id(4)] string? Field,
    [property: Id(5)] CrdtOperation? Operation)
{
    /// <summary>The operation's name in JSON, e.g. <c>removeField</c>.</summary>
    public string Name => NameOf(Kind);

    public static CrdtOperation Increment(long by = 1) => new(CrdtOperationKind.Increment, by, [], null, null, null);

    public static CrdtOperation Decrement(long by = 1) => new(CrdtOperationKind.Decrement, by, [], null, null, null);

    public static CrdtOperation Add(params IEnumerable<string> elements) => new(CrdtOperationKind.Add, 0, Canonical(elements), null, null, null);

    public static CrdtOperation Remove(params IEnumerable<string> elements) => new(CrdtOperationKind.Remove, 0, Canonical(elements), null, null, null);

    /// <summary>Assigns a value given as JSON text, e.g. <c>"\"blue\""</c> or <c>"{\"size\":3}"</c>.</summary>
    public static CrdtOperation Assign(string json) => new(CrdtOperationKind.Assign, 0, [], json, null, null);

    public static CrdtOperation Update(string field, CrdtOperation operation) => new(CrdtOperationKind.Update, 0, [], null, field, operation);

    public static CrdtOperation RemoveField(string field) => new(CrdtOperationKind.RemoveField, 0, [], null, field, null);

    /// <summary>The CRDT types this kind of operation applies to.</summary>
    public static bool AppliesTo(CrdtOperationKind kind, CrdtType type) => (kind, type) switch
    {
        (CrdtOperationKind.Increment or CrdtOperationKind.Decrement, CrdtType.PnCounter) => true,
        (CrdtOperationKind.Add or CrdtOperationKind.Remove, CrdtType.OrSet) => true,
        (CrdtOperationKind.Assign, CrdtType.LwwRegister or CrdtType.MvRegister) => true,
        (CrdtOperationKind.Update or CrdtOperationKind.RemoveField, CrdtType.Map) => true,
        _ => false,
    };

    public static string NameOf(CrdtOperationKind kind) => kind switch
    {
        CrdtOperationKind.Increment => "increment",
        CrdtOperationKind.Decrement => "decrement",
        CrdtOperationKind.Add => "add",
        CrdtOperationKind.Remove => "remove",
        CrdtOperationKind.Assign => "assign",
        CrdtOperationKind.Update => "update",
        CrdtOperationKind.RemoveField => "removeField",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static bool TryParseName(string? name, out CrdtOperationKind kind)
    {
        foreach (var candidate in Enum.GetValues<CrdtOperationKind>())
        {
            if (string.Equals(NameOf(candidate), name, StringComparison.Ordinal))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }

    /// <summary>The operation as the JSON that <see cref="CrdtOperationParser"/> reads back to an equal operation.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject { ["op"] = Name };
        switch (Kind)
        {
            case CrdtOperationKind.Increment or CrdtOperationKind.Decrement:
                json["by"] = By;
                break;
            case CrdtOperationKind.Add or CrdtOperationKind.Remove:
                json["elements"] = new JsonArray(Elements.IsDefault ? [] : Elements.Select(e => (JsonNode?)e).ToArray());
                break;
            case CrdtOperationKind.Assign:
                json["value"] = Value is null ? null : JsonNode.Parse(Value);
                break;
            case CrdtOperationKind.Update:
                json["field"] = Field;
                json["operation"] = Operation?.ToJson();
                break;
            case CrdtOperationKind.RemoveField:
                json["field"] = Field;
                break;
        }

        return json;
    }

    public bool Equals(CrdtOperation? other) =>
        other is not null
        && Kind == other.Kind
        && By == other.By
        && SortedMaps.SequenceEqual(Elements, other.Elements)
        && string.Equals(Value, other.Value, StringComparison.Ordinal)
        && string.Equals(Field, other.Field, StringComparison.Ordinal)
        && Equals(Operation, other.Operation);

    public override int GetHashCode() => HashCode.Combine(Kind, By, SortedMaps.SequenceHash(Elements), Value, Field, Operation);

    public override string ToString() => ToJson().ToJsonString();

    /// <summary>Distinct elements in ordinal order, so that equal operations are equal records.</summary>
    internal static ImmutableArray<string> Canonical(IEnumerable<string> elements) =>
        [.. elements.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
}
