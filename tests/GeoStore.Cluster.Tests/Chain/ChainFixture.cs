using System.Text;
using GeoStore.Abstractions.Catalog;
using GeoStore.Abstractions.Grains;
using GeoStore.Abstractions.Messages;
using GeoStore.Core.Chain;
using GeoStore.Core.Keyspaces;
using GeoStore.Grains.Chain;
using GeoStore.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GeoStore.Cluster.Tests.Chain;

/// <summary>
/// Three regions, one silo each, shared by the Chain tests (one collection, so one cluster). Tests
/// make their own keyspaces, in the chain order they need, and heal what they cut. The catalog lives
/// in us-east but, as a configuration service, is not behind the simulated WAN.
/// </summary>
public sealed class ChainFixture : IAsyncLifetime
{
    public const string East = "us-east", West = "eu-west", South = "ap-south";

    public GeoCluster Geo { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Geo = await GeoCluster.StartAsync();

    public async ValueTask DisposeAsync() => await Geo.DisposeAsync();

    /// <summary>A fresh Chain keyspace over <paramref name="chain"/>, head first (all three regions, us-east first, when left out).</summary>
    public async Task<string> KeyspaceAsync(string prefix = "chain", params string[] chain)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}"[..30];
        await Geo.PutKeyspaceAsync(name, new KeyspacePolicy(ReplicationMode.Chain, chain.Length == 0 ? [East, West, South] : [.. chain]));
        return name;
    }

    public IKeyspaceCatalogGrain Catalog => Geo.Cluster.Client.GetGrain<IKeyspaceCatalogGrain>(Geo.ControlPlaneKey);

    /// <summary>The chain as the catalog holds it now.</summary>
    public async Task<ChainMembership> ChainAsync(string keyspace) =>
        await Catalog.GetChain(keyspace) ?? throw new InvalidOperationException($"Keyspace '{keyspace}' has no chain.");

    /// <summary>
    /// Reconfigures the chain through the catalog, as a coordinator would, and waits until every
    /// silo's catalog copy has the new chain (so no coordinator starts from the old one).
    /// </summary>
    public async Task<ChainMembership> ReconfigureAsync(string keyspace, Func<ChainConfiguration, ChainConfiguration> change)
    {
        var current = await ChainAsync(keyspace);
        var next = await Catalog.ReconfigureChain(keyspace, current.Version, change(current.Configuration));
        await Eventually.HoldsAsync(
            () => Geo.Cluster.GetActiveSilos().All(s =>
                Geo.ServicesOf(s).GetRequiredService<KeyspaceCache>().Snapshot.Find(keyspace)?.Chain?.Version >= next.Version),
            $"every silo sees chain version {next.Version} of {keyspace}");
        return next;
    }

    /// <summary>The replica of the key in <paramref name="region"/>, called from inside that region (no WAN on the way).</summary>
    public IChainReplicaGrain Replica(string region, string keyspace, string key) =>
        Geo.In(region).GetGrain<IChainReplicaGrain>(ChainKey.Format(region, keyspace, key));

    /// <summary>The text of the newest version <paramref name="region"/>'s replica holds, committed or not; null when none or deleted.</summary>
    public async Task<string?> HeldAsync(string region, string keyspace, string key) =>
        (await Replica(region, keyspace, key).Inspect()).Newest is { Value: { } bytes } ? Encoding.UTF8.GetString(bytes) : null;

    public Task<WriteResult> PutAsync(string region, string keyspace, string key, string value) =>
        Geo.Coordinator(region).Write(new WriteCommand(keyspace, key, Encoding.UTF8.GetBytes(value), "text/plain", WriteCondition.None));

    public Task<ReadResult> GetAsync(string region, string keyspace, string key) =>
        Geo.Coordinator(region).Read(keyspace, key, ReadOptions.Any);

    public static string? Text(ReadResult read) => read.Found ? Encoding.UTF8.GetString(read.Value!.Value!) : null;

    /// <summary>Cuts <paramref name="region"/> off from both other regions, both ways.</summary>
    public async Task IsolateAsync(string region)
    {
        foreach (var other in Geo.Regions.Where(r => r != region))
        {
            await Geo.CutAsync(region, other);
        }
    }

    public async Task HealAllAsync()
    {
        foreach (var a in Geo.Regions)
        {
            foreach (var b in Geo.Regions.Where(r => string.CompareOrdinal(r, a) > 0))
            {
                await Geo.HealAsync(a, b);
            }
        }
    }
}
