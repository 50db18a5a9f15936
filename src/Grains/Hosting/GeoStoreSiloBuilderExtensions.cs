using Azure.Data.Tables;
using GeoStore.Abstractions.Catalog;
using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Options;
using GeoStore.Core.Clocks;
using GeoStore.Core.Regions;
using GeoStore.Grains.Chain;
using GeoStore.Grains.Conflicts;
using GeoStore.Grains.Conflicts.Samples;
using GeoStore.Grains.Hosting;
using GeoStore.Grains.Leadership;
using GeoStore.Grains.Observability;
using GeoStore.Grains.Placement;
using GeoStore.Grains.Quorum;
using GeoStore.Grains.Regions;
using GeoStore.Grains.Storage;
using GeoStore.Grains.Storage.AzureTables;
using GeoStore.Grains.Transport;
using GeoStore.Grains.Wan;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Hosting;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Serialization;

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
        services.AddSingleton<QuorumCoordinator>();
        services.AddSingleton<SingleLeaderCoordinator>();
        services.AddChainReplication();
        services.AddSingleton<ControlPlane>();
        services.AddSingleton<KeyspaceCache>();
        services.AddSingleton<ConflictResolvers>();
        services.AddConflictResolver<FlightSeatResolver>();
        services.AddHostedService<ControlPlaneSync>();
        services.AddPlacementDirector<RegionPlacementStrategy, RegionPlacementDirector>();
        // Trace context crosses grain calls (and so regions): one trace per client operation.
        builder.AddActivityPropagation();
        builder.AddOutgoingGrainCallFilter<WanCallFilter>();

        AddStorage(builder, region!);

        // Anti-entropy pages through whichever provider stores the registers.
        services.AddSingleton<IRegisterStateScanner, RegisterStateScanner>();
        return builder;
    }

    /// <summary>
    /// <c>GeoStore:Storage</c> picks where state lives: <c>Memory</c> (the default: each silo's memory,
    /// gone with the silo) or <c>AzureTables</c> (the region's storage account, from
    /// <c>ConnectionStrings:geostore-{region}</c> or <c>ConnectionStrings:geostore</c>).
    /// </summary>
    private static void AddStorage(ISiloBuilder builder, string region)
    {
        var services = builder.Services;
        var kind = builder.Configuration[$"{GeoStoreOptions.SectionName}:Storage"] ?? "Memory";
        string[] providers = [GeoStoreStorage.Registers, GeoStoreStorage.Log, GeoStoreStorage.ControlPlane];
        if (string.Equals(kind, "Memory", StringComparison.OrdinalIgnoreCase))
        {
            services.AddSingleton<IReplicationLogStore, InMemoryReplicationLogStore>();
            foreach (var name in providers)
            {
                services.AddGrainStorage(name, (sp, _) => ActivatorUtilities.CreateInstance<LocalMemoryGrainStorage>(sp));
            }

            return;
        }

        if (!string.Equals(kind, "AzureTables", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"GeoStore:Storage is '{kind}'; it must be Memory or AzureTables.");
        }

        var configuration = builder.Configuration;
        string ConnectionString(string r) => AzureTableStorageOptions.ConnectionStringFor(configuration, r)
            ?? throw new InvalidOperationException($"GeoStore:Storage is AzureTables but neither ConnectionStrings:geostore-{r} nor ConnectionStrings:geostore is set.");
        _ = ConnectionString(region);

        TableClient TableFor(string r, string kindOfTable) => new TableServiceClient(ConnectionString(r)).GetTableClient(TableNames.For(r, kindOfTable));
        services.AddSingleton<IReplicationLogStore>(sp => new AzureTableReplicationLogStore(r => TableFor(r, TableNames.Log), sp.GetRequiredService<Serializer>()));
        foreach (var name in providers)
        {
            // Every grain on this silo is placed in this silo's region, so its state goes to this region's account.
            services.AddGrainStorage(name, (sp, _) => new AzureTableGrainStorage(TableFor(region, TableNames.Grains), sp.GetRequiredService<Serializer>()));
        }
    }
}
