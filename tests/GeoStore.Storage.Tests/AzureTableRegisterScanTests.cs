using Azure.Data.Tables;
using GeoStore.Grains.Storage.AzureTables;
using Orleans.Storage;

namespace GeoStore.Storage.Tests;

/// <summary>The register scan over Azure Tables (a PartitionKey range query), against a real Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureTableRegisterScanTests(AzuriteFixture azurite) : RegisterScanContract
{
    protected override IGrainStorage Storage { get; } = new AzureTableGrainStorage(
        new TableServiceClient(azurite.Server.ConnectionString).GetTableClient(TableNames.For("scan-tests", TableNames.Grains)), Serializer);
}
