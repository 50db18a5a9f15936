using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Options;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace GeoStore.Grains.Regions;

/// <summary>Which live silo belongs to which region, from membership and silo metadata.</summary>
public sealed class RegionDirectory(
    IClusterMembershipService membership,
    ISiloMetadataCache metadata,
    ILocalSiloDetails localSilo,
    IOptions<GeoStoreOptions> options)
{
    public string LocalRegion { get; } = options.Value.Region;

    public IReadOnlyList<string> AllRegions { get; } = options.Value.RegionList;

    public string? RegionOf(SiloAddress silo)
    {
        if (silo.Equals(localSilo.SiloAddress))
        {
            return LocalRegion;
        }

        return metadata.GetSiloMetadata(silo).Metadata.TryGetValue(SiloMetadataKeys.Region, out var region) ? region : null;
    }

    public IReadOnlyList<SiloAddress> LiveSilos(string region) =>
        membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active && string.Equals(RegionOf(m.SiloAddress), region, StringComparison.Ordinal))
            .Select(m => m.SiloAddress)
            .ToList();

    public bool HasLiveSilo(string region)
    {
        foreach (var member in membership.CurrentSnapshot.Members.Values)
        {
            if (member.Status == SiloStatus.Active && string.Equals(RegionOf(member.SiloAddress), region, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
