using GeoStore.Abstractions.Errors;
using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Abstractions.Options;
using GeoStore.Core.Regions;
using GeoStore.Core.Wan;
using GeoStore.Grains.Placement;
using Microsoft.Extensions.Options;

namespace GeoStore.Grains.Wan;

/// <summary>The source of truth for the simulated WAN model; silos poll it through <see cref="ControlPlaneSync"/>.</summary>
[RegionPlacement]
public sealed class WanGrain(
    [PersistentState("wan", GeoStoreStorage.ControlPlane)] IPersistentState<WanGrainState> state,
    IOptions<GeoStoreOptions> options) : Grain, IWanGrain
{
    private readonly IReadOnlyList<string> _regions = options.Value.RegionList;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Model.Epoch == Guid.Empty)
        {
            state.State.Model = WanModel.Fresh();
            await state.WriteStateAsync(cancellationToken);
        }
    }

    public Task<WanModel> Get() => Task.FromResult(state.State.Model);

    public Task<ControlPlaneVersion> GetVersion() => Task.FromResult(new ControlPlaneVersion(state.State.Model.Epoch, state.State.Model.Revision));

    public Task<WanModel> UpdateLink(string from, string to, WanLinkPatch patch)
    {
        var current = state.State.Model.Link(from, to);
        return SetLink(from, to, new WanLink(patch.LatencyMs ?? current.LatencyMs, patch.Cut ?? current.Cut, patch.Loss ?? current.Loss));
    }

    public async Task<WanModel> SetLink(string from, string to, WanLink link)
    {
        foreach (var region in (ReadOnlySpan<string>)[from, to])
        {
            if (RegionNames.Validate(region) is { } problem)
            {
                throw new InvalidWanSettingException(problem);
            }

            if (!_regions.Contains(region, StringComparer.Ordinal))
            {
                throw new InvalidWanSettingException($"Region '{region}' does not exist; known regions: {string.Join(", ", _regions)}.");
            }
        }

        if (string.Equals(from, to, StringComparison.Ordinal))
        {
            throw new InvalidWanSettingException("A WAN link joins two different regions.");
        }

        if (link.Validate() is { } invalid)
        {
            throw new InvalidWanSettingException(invalid);
        }

        state.State.Model = state.State.Model.With(from, to, link);
        await state.WriteStateAsync();
        return state.State.Model;
    }
}
