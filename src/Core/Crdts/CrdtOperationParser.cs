using System.Buffers;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace GeoStore.Core.Crdts;

/// <summary>
/// Reads CRDT operations from request JSON and checks them before anything reaches a grain:
/// <c>{"op":"increment","by":5}</c>, <c>{"op":"decrement"}</c>, <c>{"op":"add","elements":["a","b"]}</c>,
/// <c>{"op":"remove","elements":["a"]}</c>, <c>{"op":"assign","value":{"any":"json"}}</c>,
/// <c>{"op":"update","field":"likes","operation":{"op":"increment"}}</c> and
/// <c>{"op":"removeField","field":"likes"}</c>. Property names are case-sensitive; unknown ones are refused.
/// </summary>
public static partial class CrdtOperationParser
{
    private const string FieldOperations = "'increment', 'decrement', 'add', 'remove' or 'assign'";

    private static readonly JsonWriterOptions CompactJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Reads one operation on a key of type <paramref name="type"/>; on failure, <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(
        JsonElement json, CrdtType type, [NotNullWhen(true)] out CrdtOperation? operation, [NotNullWhen(false)] out string? error)
    {
        try
        {
            operation = Parse(json, type, out error);
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json refuses to decode a property name with a lone surrogate escape.
            (operation, error) = (null, "The operation holds text that is not valid Unicode.");
        }

        if (operation is not null && operation.Validate(type) is { } problem)
        {
            (operation, error) = (null, problem);
        }

        return operation is not null;
    }

    /// <summary>
    /// Reads a JSON array of operations, applied in order (a single operation object is a batch of
    /// one). A map batch that gives a field two types without removing it in between is refused.
    /// </summary>
    public static bool TryParseBatch(
        JsonElement json, CrdtType type, out ImmutableArray<CrdtOperation> operations, [NotNullWhen(false)] out string? error)
    {
        operations = [];
        if (json.ValueKind == JsonValueKind.Object)
        {
            if (!TryParse(json, type, out var single, out error))
            {
                return false;
            }

            operations = [single];
            return true;
        }

        if (json.ValueKind != JsonValueKind.Array)
        {
            error = $"A batch is a JSON array of operations, or one operation object; got {Describe(json.ValueKind)}.";
            return false;
        }

        var count = json.GetArrayLength();
        if (count == 0 || count > CrdtLimits.MaxOperationsPerBatch)
        {
            error = $"A batch holds 1 to {CrdtLimits.MaxOperationsPerBatch} operations; this one holds {count}.";
            return false;
        }

        var parsed = ImmutableArray.CreateBuilder<CrdtOperation>(count);
        foreach (var item in json.EnumerateArray())
        {
            if (!TryParse(item, type, out var operation, out var problem))
            {
                error = $"Operation [{parsed.Count}]: {problem}";
                return false;
            }

            parsed.Add(operation);
        }

        error = type == CrdtType.Map ? FindFieldTypeClash(parsed) : null;
        if (error is not null)
        {
            return false;
        }

        operations = parsed.MoveToImmutable();
        return true;
    }

    /// <summary>Parses the shape; a field operation (<paramref name="type"/> null) is validated with its update.</summary>
    private static CrdtOperation? Parse(JsonElement json, CrdtType? type, out string? error)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            error = $"An operation is a JSON object such as {Example(type)}; got {Describe(json.ValueKind)}.";
            return null;
        }

        var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in json.EnumerateObject())
        {
            if (!properties.TryAdd(property.Name, property.Value))
            {
                error = $"The property '{property.Name}' appears twice.";
                return null;
            }
        }

        if (!properties.TryGetValue("op", out var op) || op.ValueKind != JsonValueKind.String)
        {
            error = $"An operation needs an 'op' string, as in {Example(type)}.";
            return null;
        }

        var name = op.GetString();
        if (!CrdtOperation.TryParseName(name, out var kind) || !Fits(kind, type))
        {
            error = type is { } t
                ? CrdtOperation.NotAnOperationOn(name, t)
                : CrdtOperation.TryParseName(name, out _)
                    ? $"Maps nest one level: a field's 'operation' cannot be '{name}'; it takes {FieldOperations}."
                    : $"'{name}' is not an operation on a map field; a field takes {FieldOperations}.";
            return null;
        }

        var takes = PropertiesOf(kind);
        foreach (var property in properties.Keys)
        {
            if (property != "op" && !takes.Contains(property))
            {
                error = $"'{property}' is not a property of '{name}'; it takes {string.Join(" and ", takes.Select(p => $"'{p}'"))}.";
                return null;
            }
        }

        error = null;
        return kind switch
        {
            CrdtOperationKind.Increment or CrdtOperationKind.Decrement => ReadBy(properties, out var by, ref error)
                ? new CrdtOperation(kind, by, [], null, null, null) : null,
            CrdtOperationKind.Add or CrdtOperationKind.Remove => ReadElements(properties, name!, out var elements, ref error)
                ? new CrdtOperation(kind, 0, elements, null, null, null) : null,
            CrdtOperationKind.Assign => ReadValue(properties, out var value, ref error)
                ? CrdtOperation.Assign(value) : null,
            CrdtOperationKind.Update => ReadField(properties, name!, out var field, ref error) && ReadFieldOperation(properties, out var inner, ref error)
                ? CrdtOperation.Update(field, inner) : null,
            _ => ReadField(properties, name!, out var removed, ref error)
                ? CrdtOperation.RemoveField(removed) : null,
        };
    }

    private static bool Fits(CrdtOperationKind kind, CrdtType? type) =>
        type is { } t ? CrdtOperation.AppliesTo(kind, t) : CrdtMap.FieldTypeFor(kind) is not null;

    private static string[] PropertiesOf(CrdtOperationKind kind) => kind switch
    {
        CrdtOperationKind.Increment or CrdtOperationKind.Decrement => ["by"],
        CrdtOperationKind.Add or CrdtOperationKind.Remove => ["elements"],
        CrdtOperationKind.Assign => ["value"],
        CrdtOperationKind.Update => ["field", "operation"],
        _ => ["field"],
    };

    private static string? FindFieldTypeClash(IReadOnlyList<CrdtOperation> operations)
    {
        var types = new Dictionary<string, (CrdtType Type, int Index)>(StringComparer.Ordinal);
        for (var i = 0; i < operations.Count; i++)
        {
            var operation = operations[i];
            if (operation.Kind == CrdtOperationKind.RemoveField)
            {
                // Within one batch the removal sees every earlier update, so the field may start over.
                types.Remove(operation.Field!);
            }
            else if (operation is { Kind: CrdtOperationKind.Update, Field: { } field, Operation: { } inner }
                && CrdtMap.FieldTypeFor(inner.Kind) is { } type)
            {
                if (types.TryGetValue(field, out var earlier) && earlier.Type != type)
                {
                    return $"Operation [{i}]: field '{field}' has type {earlier.Type} since operation [{earlier.Index}]; '{inner.Name}' needs type {type}.";
                }

                types.TryAdd(field, (type, i));
            }
        }

        return null;
    }

    private static string Example(CrdtType? type) => type switch
    {
        CrdtType.PnCounter => """{"op":"increment","by":5}""",
        CrdtType.OrSet => """{"op":"add","elements":["a","b"]}""",
        CrdtType.LwwRegister or CrdtType.MvRegister => """{"op":"assign","value":{"any":"json"}}""",
        CrdtType.Map => """{"op":"update","field":"likes","operation":{"op":"increment"}}""",
        _ => """{"op":"increment"}""",
    };

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
