namespace GeoStore.AppHost.Model;

/// <summary>Every resource of the application, in the order they were added.</summary>
public sealed class DistributedApplicationModel(IReadOnlyList<Resource> resources)
{
    public IReadOnlyList<Resource> Resources { get; } = resources;

    /// <summary>
    /// Resources grouped so that each group only waits for earlier groups: start in this order,
    /// stop in the reverse one (a silo outlives the APIs that use it, the primary silo the other silos, storage every silo).
    /// </summary>
    public IReadOnlyList<IReadOnlyList<Resource>> DependencyLevels()
    {
        var level = new Dictionary<Resource, int>();
        var visiting = new HashSet<Resource>();
        int LevelOf(Resource resource)
        {
            if (level.TryGetValue(resource, out var known))
            {
                return known;
            }

            if (!visiting.Add(resource))
            {
                throw new InvalidOperationException($"Resource '{resource.Name}' waits for itself through a cycle.");
            }

            var own = resource.WaitsFor.Count == 0 ? 0 : 1 + resource.WaitsFor.Max(LevelOf);
            visiting.Remove(resource);
            return level[resource] = own;
        }

        return [.. Resources.GroupBy(LevelOf).OrderBy(g => g.Key).Select(g => (IReadOnlyList<Resource>)[.. g])];
    }
}
