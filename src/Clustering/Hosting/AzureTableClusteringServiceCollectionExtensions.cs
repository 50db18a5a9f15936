using GeoStore.Clustering.Gateways;
using GeoStore.Clustering.Membership;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Messaging;

namespace GeoStore.Clustering.Hosting;

/// <summary>Registers the Azure Table membership table (silos) or gateway list (clients) with its options and validator.</summary>
public static class AzureTableClusteringServiceCollectionExtensions
{
    public static IServiceCollection AddAzureTableMembershipTable(this IServiceCollection services, Action<OptionsBuilder<AzureTableClusteringOptions>> configure)
    {
        AddOptions(services, configure);
        services.AddSingleton<IMembershipTable, AzureTableMembershipTable>();
        return services;
    }

    public static IServiceCollection AddAzureTableGatewayListProvider(this IServiceCollection services, Action<OptionsBuilder<AzureTableClusteringOptions>> configure)
    {
        AddOptions(services, configure);
        services.AddSingleton<IGatewayListProvider, AzureTableGatewayListProvider>();
        return services;
    }

    private static void AddOptions(IServiceCollection services, Action<OptionsBuilder<AzureTableClusteringOptions>> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(services.AddOptions<AzureTableClusteringOptions>());
        services.TryAddEnumerable(ServiceDescriptor.Transient<IConfigurationValidator, AzureTableClusteringOptionsValidator>());
    }
}
