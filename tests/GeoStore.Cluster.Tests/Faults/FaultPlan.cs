using System.Collections.Concurrent;

namespace GeoStore.Cluster.Tests.Faults;

/// <summary>Faults armed by a test and taken, once each, by the stores that check them.</summary>
public sealed class FaultPlan
{
    private readonly ConcurrentDictionary<string, int> _armed = new(StringComparer.Ordinal);

    /// <summary>The next call at <paramref name="site"/> fails.</summary>
    public void FailNext(string site) => _armed.AddOrUpdate(site, 1, (_, n) => n + 1);

    /// <summary>Throws if a fault is armed at <paramref name="site"/>, disarming it.</summary>
    public void Check(string site)
    {
        while (_armed.TryGetValue(site, out var n) && n > 0)
        {
            if (_armed.TryUpdate(site, n - 1, n))
            {
                throw new IOException($"Injected fault at {site}.");
            }
        }
    }

    public bool IsSpent(string site) => !_armed.TryGetValue(site, out var n) || n == 0;
}
