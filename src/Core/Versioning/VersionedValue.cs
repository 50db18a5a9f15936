namespace GeoStore.Core.Versioning;

/// <summary>
/// One version of a key: the bytes and their content type, or a tombstone that records a delete
/// so that an older write arriving late cannot bring the key back.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record VersionedValue(
    [property: Id(0)] WriteVersion Version,
    [property: Id(1)] byte[]? Value,
    [property: Id(2)] string? ContentType)
{
    public bool IsTombstone => Value is null;

    public static VersionedValue Tombstone(WriteVersion version) => new(version, null, null);
}
