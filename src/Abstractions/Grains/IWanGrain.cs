using GeoStore.Abstractions.Messages;
using GeoStore.Core.Wan;

namespace GeoStore.Abstractions.Grains;

/// <summary>Holds the simulated WAN model (one grain, keyed by the home region: see <see cref="ControlPlane"/>); every silo polls it.</summary>
public interface IWanGrain : IGrainWithStringKey
{
    Task<WanModel> Get();

    Task<ControlPlaneVersion> GetVersion();

    /// <summary>Sets one directed link; throws <see cref="Errors.InvalidWanSettingException"/> when invalid.</summary>
    Task<WanModel> SetLink(string from, string to, WanLink link);

    /// <summary>Changes the given fields of one directed link, atomically with respect to other changes.</summary>
    Task<WanModel> UpdateLink(string from, string to, WanLinkPatch patch);
}
