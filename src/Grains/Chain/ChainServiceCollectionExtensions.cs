using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GeoStore.Grains.Chain;

/// <summary>Wires Chain keyspaces into a silo: the coordinator, its options and metrics.</summary>
public static class ChainServiceCollectionExtensions
{
    public static IServiceCollection AddChainReplication(this IServiceCollection services)
    {
        services.AddOptions<ChainOptions>()
            .BindConfiguration(ChainOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ChainOptions>, ChainOptionsValidator>();
        services.AddSingleton<ChainMetrics>();
        services.AddSingleton<ChainCoordinator>();
        return services;
    }
}
