using GeoStore.Grains.Storage;
using Orleans.Storage;

namespace GeoStore.Storage.Tests;

/// <summary>The register scan over the in-memory provider.</summary>
public sealed class LocalMemoryRegisterScanTests : RegisterScanContract
{
    protected override IGrainStorage Storage { get; } = new LocalMemoryGrainStorage(Serializer);
}
