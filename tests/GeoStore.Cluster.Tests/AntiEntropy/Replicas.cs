using System.Text;
using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Core.Causality;
using GeoStore.Core.Clocks;
using GeoStore.Core.Keyspaces;
using GeoStore.Core.Replication;
using GeoStore.Core.Versioning;
using GeoStore.Grains.Registers;
using GeoStore.Grains.Storage;
using GeoStore.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GeoStore.Cluster.Tests.AntiEntropy;

/// <summary>
/// Puts replicas of a Leaderless keyspace into exactly the states a test needs, one register at a
/// time, the way a coordinator's write that reached only some replicas leaves them.
/// </summary>
public static class Replicas
{
    public static async Task<string> LeaderlessKeyspaceAsync(this GeoCluster geo, ConflictResolver resolver = ConflictResolver.Lww)
    {
        var name = $"ae-{Guid.NewGuid():N}"[..24];
        await geo.PutKeyspaceAsync(name, new KeyspacePolicy(ReplicationMode.Leaderless, [.. geo.Regions], resolver));
        return name;
    }

    public static WriteVersion Version(DateTimeOffset at, string region = "us-east", int logical = 0) => new(new HybridTimestamp(at.ToUnixTimeMilliseconds(), logical), region);

    public static VersionedValue Value(WriteVersion version, string text) => new(version, Encoding.UTF8.GetBytes(text), "text/plain");

    public static IRegisterGrain Register(this GeoCluster geo, string region, string keyspace, string key) =>
        geo.In(region).GetGrain<IRegisterGrain>(RegisterKey.Format(region, keyspace, key));

    /// <summary>
    /// Merges a version (and a sibling set) into <paramref name="regions"/>' replicas only. The entry
    /// names another region as its origin, so no replica passes it on through its log.
    /// </summary>
    public static async Task ApplyAsync(this GeoCluster geo, string keyspace, string key, VersionedValue value, ReplicatedState? state, params string[] regions)
    {
        foreach (var region in regions)
        {
            var origin = geo.Regions.First(r => !string.Equals(r, region, StringComparison.Ordinal));
            await geo.Register(region, keyspace, key).ApplyReplicated(new LogEntry(0, origin, keyspace, key, value, State: state));
        }
    }

    public static Task ApplyAsync(this GeoCluster geo, string keyspace, string key, VersionedValue value, params string[] regions) =>
        geo.ApplyAsync(keyspace, key, value, null, regions);

    public static Task<ReplicaRead> ReadAsync(this GeoCluster geo, string region, string keyspace, string key) =>
        geo.Register(region, keyspace, key).Read();

    /// <summary>What <paramref name="region"/>'s storage holds for the key, read without a grain.</summary>
    public static Task<RegisterState?> StoredAsync(this GeoCluster geo, string region, string keyspace, string key) =>
        geo.ServicesOf(geo.SilosOf(region)[0]).GetRequiredService<IRegisterStateScanner>().ReadAsync(region, keyspace, key);

    public static Task<AntiEntropyReport> RepairAsync(this GeoCluster geo, string region, string keyspace) =>
        geo.In(region).GetGrain<IAntiEntropyGrain>($"{region}/{keyspace}").Repair();

    /// <summary>One sibling written in <paramref name="region"/> as its <paramref name="counter"/>-th write, alone in its set.</summary>
    public static (VersionedValue Value, ReplicatedState State) Sibling(string region, long counter, VersionedValue value) =>
        (value, new ReplicatedState(new SiblingSet([new Sibling(new Dot(region, counter), value)], new VersionVector([new Dot(region, counter)]))));
}
