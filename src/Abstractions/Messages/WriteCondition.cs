using System.Collections.Immutable;

namespace GeoStore.Abstractions.Messages;

/// <summary>
/// HTTP-style preconditions on a write, checked by the register atomically with the write:
/// <c>If-Match</c> (one of these entity tags, or any existing value) and <c>If-None-Match: *</c>.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record WriteCondition(
    [property: Id(0)] ImmutableArray<string> IfMatch,
    [property: Id(1)] bool IfMatchAny,
    [property: Id(2)] bool IfNoneMatchAny)
{
    public static WriteCondition None { get; } = new([], false, false);

    public bool IsNone => IfMatch.IsDefaultOrEmpty && !IfMatchAny && !IfNoneMatchAny;
}
