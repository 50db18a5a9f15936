using GeoStore.Core.Wan;

namespace GeoStore.Testing;

/// <summary>
/// Random one-way partitions for seeded histories: each toggle cuts a random directed WAN link, or
/// heals it when it is cut already; disposing heals every link it cut.
/// </summary>
public sealed class RandomLinkCuts(GeoCluster geo, Random random) : IAsyncDisposable
{
    private readonly HashSet<(string From, string To)> _cut = [];

    /// <summary>The directed links cut now.</summary>
    public IReadOnlyCollection<(string From, string To)> Cut => _cut;

    /// <summary>Cuts or heals the link from <paramref name="from"/> (a random region when null) to a random other region.</summary>
    public async Task ToggleAsync(string? from = null)
    {
        var regions = geo.Regions;
        from ??= regions[random.Next(regions.Count)];
        var to = regions.Where(r => r != from).ElementAt(random.Next(regions.Count - 1));
        var cutting = _cut.Add((from, to)) || !_cut.Remove((from, to));
        await geo.SetLinkAsync(from, to, new WanLink(Cut: cutting));
    }

    public async Task HealAllAsync()
    {
        foreach (var (from, to) in _cut)
        {
            await geo.SetLinkAsync(from, to, WanLink.Healthy);
        }

        _cut.Clear();
    }

    public async ValueTask DisposeAsync() => await HealAllAsync();
}
