namespace GeoStore.Abstractions.Messages;

/// <summary>Writes a region holds for an unreachable <paramref name="Target"/>: how many, and the age of the oldest.</summary>
[GenerateSerializer, Immutable]
public sealed record HintBacklog(
    [property: Id(0)] string Target,
    [property: Id(1)] long Pending,
    [property: Id(2)] long OldestMilliseconds);
