using GeoStore.Abstractions.Grains;

namespace GeoStore.Cluster.Tests.Leaderless;

/// <summary>
/// Makes one region's registers slow to answer reads, as a hung or overloaded silo is: the WAN model
/// still says the region is near and up, and a call to it fails only after the cross-region timeout.
/// One instance per fixture, shared by its silos.
/// </summary>
public sealed class SlowReplicaFilter : IIncomingGrainCallFilter
{
    private volatile string? _slowRegion;

    public TimeSpan Delay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Slows <paramref name="region"/>'s register reads until the returned scope ends.</summary>
    public IDisposable Slow(string region)
    {
        _slowRegion = region;
        return new Scope(this);
    }

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (_slowRegion is { } region
            && context.Grain is IRegisterGrain
            && context.InterfaceMethod?.Name == nameof(IRegisterGrain.Read)
            && context.TargetId.Key.ToString()!.StartsWith(region + "/", StringComparison.Ordinal))
        {
            await Task.Delay(Delay);
        }

        await context.Invoke();
    }

    private sealed class Scope(SlowReplicaFilter filter) : IDisposable
    {
        public void Dispose() => filter._slowRegion = null;
    }
}
