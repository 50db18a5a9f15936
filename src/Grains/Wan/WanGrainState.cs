using GeoStore.Core.Wan;

namespace GeoStore.Grains.Wan;

/// <summary>The stored state of the WAN grain.</summary>
[GenerateSerializer]
public sealed class WanGrainState
{
    [Id(0)]
    public WanModel Model { get; set; } = WanModel.Empty;
}
