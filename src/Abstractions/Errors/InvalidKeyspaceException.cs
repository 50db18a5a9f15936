using System.Collections.Immutable;

namespace GeoStore.Abstractions.Errors;

/// <summary>A keyspace definition failed validation; <see cref="Errors"/> lists each problem by field.</summary>
[GenerateSerializer]
public sealed class InvalidKeyspaceException(string keyspace, ImmutableDictionary<string, string[]> errors)
    : Exception($"Keyspace '{keyspace}' is not valid: {string.Join(" ", errors.SelectMany(e => e.Value))}")
{
    [Id(0)]
    public string Keyspace { get; } = keyspace;

    [Id(1)]
    public ImmutableDictionary<string, string[]> Errors { get; } = errors;
}
