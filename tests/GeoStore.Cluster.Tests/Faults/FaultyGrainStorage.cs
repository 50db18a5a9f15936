using Orleans.Storage;

namespace GeoStore.Cluster.Tests.Faults;

/// <summary>A grain storage that fails a state write when the plan says so for that grain (site <c>write:{grain key}</c>).</summary>
public sealed class FaultyGrainStorage(IGrainStorage inner, FaultPlan plan) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        plan.Check($"write:{grainId.Key}");
        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
}
