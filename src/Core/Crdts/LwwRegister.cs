using System.Text.Json.Nodes;
using GeoStore.Core.Versioning;

namespace GeoStore.Core.Crdts;

/// <summary>
/// A last-writer-wins register: the assignment with the greatest <see cref="WriteVersion"/>
/// (hybrid timestamp, then region name) wins. <see cref="Json"/> is the value's compact JSON text.
/// </summary>
/// <remarks>
/// States are totally ordered and merge takes the greater, so merge is a join. A state with a
/// version and no JSON is a value cleared by a map field removal; at an equal version it wins over
/// the value it cleared, and a later assignment wins over it.
/// </remarks>
[GenerateSerializer, Immutable]
public sealed record LwwRegister(
    [property: Id(0)] string? Json,
    [property: Id(1)] WriteVersion? Version)
{
    public static LwwRegister Empty { get; } = new(null, null);

    /// <summary>
    /// Assigns <paramref name="json"/> at the writing region's clock reading. When this state already
    /// holds a later version (the writer's clock is behind one it merged), that version stays: the
    /// write would lose on every other replica too.
    /// </summary>
    public LwwRegister Assign(string json, WriteVersion version)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(version);
        return Merge(this, new LwwRegister(json, version));
    }

    /// <summary>Clears the value this state holds, keeping its version (a map field removal).</summary>
    public LwwRegister RemoveObserved() => this with { Json = null };

    public static LwwRegister Merge(LwwRegister a, LwwRegister b) => Compare(a, b) >= 0 ? a : b;

    public JsonObject ToJson() => new()
    {
        ["type"] = nameof(CrdtType.LwwRegister),
        ["value"] = Json is null ? null : JsonNode.Parse(Json),
    };

    public override string ToString() => $"LwwRegister({Json ?? "cleared"} @ {Version?.ToString() ?? "never"})";

    private static int Compare(LwwRegister a, LwwRegister b)
    {
        if (a.Version is null || b.Version is null)
        {
            return a.Version is null ? (b.Version is null ? 0 : -1) : 1;
        }

        var byVersion = a.Version.CompareTo(b.Version);
        if (byVersion != 0)
        {
            return byVersion;
        }

        // One version names one assignment, so only a clear of it differs; break any other tie by text
        // so that the order stays total and merge commutative whatever the input.
        if (a.Json is null || b.Json is null)
        {
            return a.Json is null ? (b.Json is null ? 0 : 1) : -1;
        }

        return string.CompareOrdinal(a.Json, b.Json);
    }
}
