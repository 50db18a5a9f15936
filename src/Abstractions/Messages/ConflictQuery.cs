namespace GeoStore.Abstractions.Messages;

/// <summary>Which conflict records to read: of one keyspace (or all), recorded at or after <paramref name="SinceMs"/>, at most <paramref name="Limit"/>.</summary>
[GenerateSerializer, Immutable]
public sealed record ConflictQuery(
    [property: Id(0)] string? Keyspace,
    [property: Id(1)] long SinceMs,
    [property: Id(2)] int Limit);
