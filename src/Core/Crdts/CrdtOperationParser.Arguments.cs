using System.Buffers;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace GeoStore.Core.Crdts;

/// <summary>Reading the arguments of one operation: each reader sets the error and returns false when they are wrong.</summary>
public static partial class CrdtOperationParser
{
    private static bool ReadBy(Dictionary<string, JsonElement> properties, out long by, ref string? error)
    {
        by = 1;
        if (!properties.TryGetValue("by", out var json))
        {
            return true;
        }

        if (json.ValueKind == JsonValueKind.Number && json.TryGetInt64(out by) && by > 0)
        {
            return true;
        }

        error = $"'by' must be a positive whole number no greater than {long.MaxValue}; got {json.GetRawText()}.";
        return false;
    }

    private static bool ReadElements(Dictionary<string, JsonElement> properties, string name, out ImmutableArray<string> elements, ref string? error)
    {
        elements = [];
        if (!properties.TryGetValue("elements", out var json) || json.ValueKind != JsonValueKind.Array)
        {
            error = $"'{name}' needs 'elements': an array of at least one string.";
            return false;
        }

        var count = json.GetArrayLength();
        if (count == 0 || count > CrdtLimits.MaxElementsPerOperation)
        {
            error = $"'elements' must hold 1 to {CrdtLimits.MaxElementsPerOperation} elements; it holds {count}.";
            return false;
        }

        var read = new List<string>(count);
        foreach (var item in json.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                error = $"Element {read.Count} is {Describe(item.ValueKind)}; elements are strings.";
                return false;
            }

            if (!TryGetString(item, out var element))
            {
                error = $"Element {read.Count} is not valid Unicode.";
                return false;
            }

            if (element.Length > CrdtLimits.MaxElementLength)
            {
                error = $"Element {read.Count} is {element.Length} characters long; the limit is {CrdtLimits.MaxElementLength}.";
                return false;
            }

            read.Add(element);
        }

        elements = CrdtOperation.Canonical(read);
        return true;
    }

    private static bool ReadValue(Dictionary<string, JsonElement> properties, out string value, ref string? error)
    {
        value = string.Empty;
        if (!properties.TryGetValue("value", out var json))
        {
            error = "'assign' needs a 'value': any JSON, null included.";
            return false;
        }

        var buffer = new ArrayBufferWriter<byte>();
        try
        {
            using var writer = new Utf8JsonWriter(buffer, CompactJson);
            json.WriteTo(writer);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            error = "'value' holds a string that is not valid Unicode.";
            return false;
        }

        if (buffer.WrittenCount > CrdtLimits.MaxValueBytes)
        {
            error = $"'value' is {buffer.WrittenCount} bytes of JSON; the limit is {CrdtLimits.MaxValueBytes}.";
            return false;
        }

        value = Encoding.UTF8.GetString(buffer.WrittenSpan);
        return true;
    }

    private static bool ReadField(Dictionary<string, JsonElement> properties, string name, out string field, ref string? error)
    {
        field = string.Empty;
        if (!properties.TryGetValue("field", out var json) || json.ValueKind != JsonValueKind.String)
        {
            error = $"'{name}' needs a 'field' string naming the map field.";
            return false;
        }

        if (!TryGetString(json, out field))
        {
            error = "'field' must be valid Unicode.";
            return false;
        }

        error = CrdtOperation.ValidateFieldName(field);
        return error is null;
    }

    private static bool ReadFieldOperation(Dictionary<string, JsonElement> properties, [NotNullWhen(true)] out CrdtOperation? operation, ref string? error)
    {
        operation = null;
        if (!properties.TryGetValue("operation", out var json))
        {
            error = "'update' needs an 'operation' to apply to the field, e.g. {\"op\":\"increment\"}.";
            return false;
        }

        operation = Parse(json, null, out var problem);
        error = problem is null ? null : $"In 'operation': {problem}";
        return operation is not null;
    }

    private static bool TryGetString(JsonElement json, out string text)
    {
        try
        {
            text = json.GetString()!;
            return true;
        }
        catch (InvalidOperationException)
        {
            text = string.Empty;
            return false;
        }
    }
}
