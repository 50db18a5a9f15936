using System.Collections.Immutable;
using System.Text;
using System.Text.Json;

namespace GeoStore.Core.Crdts;

public sealed partial record CrdtOperation
{
    /// <summary>
    /// Why this operation cannot apply to a <paramref name="type"/>, or null when it is well formed.
    /// Whether a map field already holds another type depends on the state: see <see cref="CrdtValue.Validate"/>.
    /// </summary>
    public string? Validate(CrdtType type) =>
        AppliesTo(Kind, type) ? ValidateArguments() : NotAnOperationOn(Name, type);

    internal static string NotAnOperationOn(string? name, CrdtType type) =>
        $"'{name}' is not an operation on a key of type {type}, which takes {OperationsOn(type)}.";

    /// <summary>The operations a type takes, as a phrase for error messages.</summary>
    public static string OperationsOn(CrdtType type) => type switch
    {
        CrdtType.PnCounter => "'increment' or 'decrement'",
        CrdtType.OrSet => "'add' or 'remove'",
        CrdtType.LwwRegister or CrdtType.MvRegister => "'assign'",
        CrdtType.Map => "'update' or 'removeField'",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    private string? ValidateArguments() => Kind switch
    {
        CrdtOperationKind.Increment or CrdtOperationKind.Decrement =>
            By > 0 ? null : $"'by' must be a positive whole number; got {By}.",
        CrdtOperationKind.Add or CrdtOperationKind.Remove => ValidateElements(Elements),
        CrdtOperationKind.Assign => ValidateValue(Value),
        CrdtOperationKind.Update => ValidateFieldName(Field) ?? ValidateFieldOperation(Operation),
        CrdtOperationKind.RemoveField => ValidateFieldName(Field),
        _ => $"Unknown operation kind {Kind}.",
    };

    private static string? ValidateFieldOperation(CrdtOperation? operation)
    {
        if (operation is null)
        {
            return "'update' needs an 'operation' to apply to the field.";
        }

        if (CrdtMap.FieldTypeFor(operation.Kind) is null)
        {
            return $"A map field holds a counter, a set or a register, not another map: its operation cannot be '{operation.Name}'.";
        }

        var problem = operation.ValidateArguments();
        return problem is null ? null : $"In 'operation': {problem}";
    }

    /// <summary>Why <paramref name="field"/> cannot name a map field, or null when it can.</summary>
    public static string? ValidateFieldName(string? field)
    {
        if (string.IsNullOrEmpty(field))
        {
            return "'field' must be a non-empty string.";
        }

        if (field.Length > CrdtLimits.MaxFieldNameLength)
        {
            return $"'field' is {field.Length} characters long; the limit is {CrdtLimits.MaxFieldNameLength}.";
        }

        for (var i = 0; i < field.Length; i++)
        {
            if (char.IsControl(field[i]))
            {
                return $"'field' must not contain control characters (found U+{(int)field[i]:X4} at {i}).";
            }
        }

        var surrogate = IndexOfLoneSurrogate(field);
        return surrogate < 0 ? null : $"'field' must be valid Unicode (lone surrogate at {surrogate}).";
    }

    private static string? ValidateElements(ImmutableArray<string> elements)
    {
        if (elements.IsDefaultOrEmpty)
        {
            return "'elements' must hold at least one element.";
        }

        if (elements.Length > CrdtLimits.MaxElementsPerOperation)
        {
            return $"'elements' holds {elements.Length} elements; the limit is {CrdtLimits.MaxElementsPerOperation} per operation.";
        }

        for (var i = 0; i < elements.Length; i++)
        {
            var element = elements[i];
            if (element is null)
            {
                return $"Element {i} is null; elements are strings.";
            }

            if (element.Length > CrdtLimits.MaxElementLength)
            {
                return $"Element {i} is {element.Length} characters long; the limit is {CrdtLimits.MaxElementLength}.";
            }

            var surrogate = IndexOfLoneSurrogate(element);
            if (surrogate >= 0)
            {
                return $"Element {i} must be valid Unicode (lone surrogate at {surrogate}).";
            }
        }

        return null;
    }

    private static string? ValidateValue(string? value)
    {
        if (value is null)
        {
            return "'assign' needs a 'value': any JSON, null included.";
        }

        var bytes = Encoding.UTF8.GetByteCount(value);
        if (bytes > CrdtLimits.MaxValueBytes)
        {
            return $"'value' is {bytes} bytes of JSON; the limit is {CrdtLimits.MaxValueBytes}.";
        }

        try
        {
            using var document = JsonDocument.Parse(value);
            var duplicate = FindDuplicateProperty(document.RootElement);
            return duplicate is null ? null : $"'value' has the property '{duplicate}' twice in one object; names must be unique.";
        }
        catch (JsonException e)
        {
            return $"'value' is not valid JSON: {e.Message}";
        }
    }

    /// <summary>A property name that appears twice in one object of <paramref name="json"/>; such JSON reads back ambiguously.</summary>
    internal static string? FindDuplicateProperty(JsonElement json)
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.Object:
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in json.EnumerateObject())
                {
                    if (!names.Add(property.Name))
                    {
                        return property.Name;
                    }

                    if (FindDuplicateProperty(property.Value) is { } nested)
                    {
                        return nested;
                    }
                }

                return null;
            case JsonValueKind.Array:
                foreach (var item in json.EnumerateArray())
                {
                    if (FindDuplicateProperty(item) is { } nested)
                    {
                        return nested;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static int IndexOfLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
