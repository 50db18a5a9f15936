using GeoStore.Core.Wan;

namespace GeoStore.Abstractions.Grains;

/// <summary>Holds the simulated WAN model (one grain, keyed by the home region: see <see cref="ControlPlane"/>); every silo polls it.</summary>
public interface IWanGrain : IGrainWithStringKey
{
    Task<WanModel> Get();

    Task<long> GetRevision();

    /// <summary>Sets one directed link; throws <see cref="Errors.InvalidWanSettingException"/> when invalid.</summary>
    Task<WanModel> SetLink(string from, string to, WanLink link);
}
