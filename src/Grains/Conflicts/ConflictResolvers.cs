using GeoStore.Abstractions.Conflicts;
using GeoStore.Core.Resolution;

namespace GeoStore.Grains.Conflicts;

/// <summary>The custom resolvers registered in this silo, by name.</summary>
public sealed class ConflictResolvers(IEnumerable<IConflictResolver> resolvers)
{
    private readonly Dictionary<string, IConflictResolver> _byName = resolvers.ToDictionary(r => r.Name, StringComparer.Ordinal);

    public IReadOnlyCollection<string> Names => _byName.Keys;

    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>The choice of resolver <paramref name="name"/> for one key.</summary>
    public ConcurrentChoice ChoiceFor(string name, string keyspace, string key) =>
        _byName.TryGetValue(name, out var resolver)
            ? (a, b) => resolver.Choose(keyspace, key, a, b)
            : throw new InvalidOperationException($"No conflict resolver named '{name}' is registered in this silo; registered: {string.Join(", ", _byName.Keys)}.");
}
