using GeoStore.Abstractions.Conflicts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GeoStore.Grains.Conflicts;

public static class ConflictResolverServiceCollectionExtensions
{
    /// <summary>Registers a custom conflict resolver; Custom keyspaces name it by <see cref="IConflictResolver.Name"/>.</summary>
    public static IServiceCollection AddConflictResolver<TResolver>(this IServiceCollection services)
        where TResolver : class, IConflictResolver
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConflictResolver, TResolver>());
        return services;
    }
}
