using GeoStore.Abstractions.Options;
using GeoStore.Core.Wan;
using Microsoft.Extensions.Options;

namespace GeoStore.Grains.Wan;

/// <summary>This silo's copy of the simulated WAN model, and the seeded dice that decide losses.</summary>
public sealed class WanState(IOptions<GeoStoreOptions> options)
{
    private readonly Random _dice = new(HashCode.Combine(options.Value.WanSeed, StableHash(options.Value.Region)));
    private readonly Lock _diceGate = new();
    private WanModel _model = WanModel.Empty;

    public WanModel Model => Volatile.Read(ref _model);

    /// <summary>Takes a model read from the WAN grain, the source of truth, whatever its revision.</summary>
    public void Accept(WanModel model) => Volatile.Write(ref _model, model);

    /// <summary>Rolls the dice for one message on <paramref name="link"/>.</summary>
    public bool Drops(WanLink link)
    {
        if (link.Loss <= 0)
        {
            return false;
        }

        lock (_diceGate)
        {
            return _dice.NextDouble() < link.Loss;
        }
    }

    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash;
    }
}
