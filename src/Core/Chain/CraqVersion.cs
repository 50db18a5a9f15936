namespace GeoStore.Core.Chain;

/// <summary>One version of a key at a chain member: the sequence number of the write that made it, and its value.</summary>
/// <typeparam name="T">The value type; a caller that deletes keys stores its tombstone as a value.</typeparam>
[GenerateSerializer, Immutable]
public sealed record CraqVersion<T>(
    [property: Id(0)] long Version,
    [property: Id(1)] T Value);
