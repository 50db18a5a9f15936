using GeoStore.Abstractions.Options;
using Microsoft.Extensions.Options;

namespace GeoStore.Abstractions.Grains;

/// <summary>
/// Where the control-plane grains (keyspace catalog, WAN model) live: in the home region, the
/// first configured region. They are not on the data path: silos and APIs cache what they hold.
/// </summary>
public sealed class ControlPlane(IOptions<GeoStoreOptions> options)
{
    public string Key { get; } = options.Value.RegionList.Count > 0 ? options.Value.RegionList[0] : "default";
}
