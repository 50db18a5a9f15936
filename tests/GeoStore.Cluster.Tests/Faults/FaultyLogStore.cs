using GeoStore.Core.Replication;
using GeoStore.Grains.Storage;

namespace GeoStore.Cluster.Tests.Faults;

/// <summary>A replication log store that fails an append when the plan says so for that log (site <c>append:{region}/{log}</c>).</summary>
public sealed class FaultyLogStore(IReplicationLogStore inner, FaultPlan plan) : IReplicationLogStore
{
    public Task<StoredLog> OpenAsync(string region, string name, CancellationToken cancellationToken) => inner.OpenAsync(region, name, cancellationToken);

    public Task AppendAsync(string region, string name, IReadOnlyList<LogEntry> entries, CancellationToken cancellationToken)
    {
        plan.Check($"append:{region}/{name}");
        return inner.AppendAsync(region, name, entries, cancellationToken);
    }

    public Task CompactAsync(string region, string name, IReadOnlyDictionary<string, long> acknowledged, long truncateThrough, CancellationToken cancellationToken) =>
        inner.CompactAsync(region, name, acknowledged, truncateThrough, cancellationToken);
}
