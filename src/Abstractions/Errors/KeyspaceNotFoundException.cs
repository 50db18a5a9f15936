namespace GeoStore.Abstractions.Errors;

/// <summary>The keyspace named in a request is not in the catalog.</summary>
[GenerateSerializer]
public sealed class KeyspaceNotFoundException(string keyspace)
    : Exception($"Keyspace '{keyspace}' does not exist.")
{
    [Id(0)]
    public string Keyspace { get; } = keyspace;
}
