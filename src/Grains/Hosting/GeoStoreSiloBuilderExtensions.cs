using GeoStore.Abstractions.Catalog;
using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Options;
using GeoStore.Core.Clocks;
using GeoStore.Core.Regions;
using GeoStore.Grains.Hosting;
using GeoStore.Grains.Observability;
using GeoStore.Grains.Placement;
using GeoStore.Grains.Regions;
using GeoStore.Grains.Storage;
using GeoStore.Grains.Transport;
using GeoStore.Grains.Wan;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Hosting;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace GeoStore.Grains;

/// <summary>Wires GeoStore into a silo: region metadata and placement, the simulated WAN, storage, clocks.</summary>
public static class GeoStoreSiloBuilderExtensions
{
    /// <summary>
    /// Adds GeoStore to the silo. The region comes from configuration <c>GeoStore:Region</c> and is
    /// published as silo metadata <c>geostore.region</c>; <c>GeoStore:Regions</c> lists every region.
    /// </summary>
    public static ISiloBuilder AddGeoStore(this ISiloBuilder builder)
    {
        var region = builder.Configuration[$"{GeoStoreOptions.SectionName}:{nameof(GeoStoreOptions.Region)}"];
        if (RegionNames.Validate(region) is { } problem)
        {
            throw new InvalidOperationException($"GeoStore:Region is not set to a valid region name: {problem}");
        }

        builder.UseSiloMetadata(new Dictionary<string, string> { [SiloMetadataKeys.Region] = region! });

        var services = builder.Services;
        services.AddOptions<GeoStoreOptions>()
            .BindConfiguration(GeoStoreOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<GeoStoreOptions>, GeoStoreOptionsValidator>();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new HybridClock(sp.GetRequiredService<TimeProvider>()));
        services.AddMetrics();
        services.AddSingleton<GeoStoreMetrics>();
        services.AddSingleton<RegionDirectory>();
        services.AddSingleton<WanState>();
        services.AddSingleton<IRegionTransport, InClusterRegionTransport>();
        services.AddSingleton<ControlPlane>();
        services.AddSingleton<KeyspaceCache>();
        services.AddHostedService<ControlPlaneSync>();
        services.AddPlacementDirector<RegionPlacementStrategy, RegionPlacementDirector>();
        builder.AddOutgoingGrainCallFilter<WanCallFilter>();

        services.AddSingleton<IReplicationLogStore, InMemoryReplicationLogStore>();
        foreach (var name in (string[])[GeoStoreStorage.Registers, GeoStoreStorage.Log, GeoStoreStorage.ControlPlane])
        {
            services.AddGrainStorage(name, (sp, _) => ActivatorUtilities.CreateInstance<LocalMemoryGrainStorage>(sp));
        }

        return builder;
    }
}
