using System.Collections.Immutable;

namespace GeoStore.Abstractions.Messages;

/// <summary>
/// What one anti-entropy round of <paramref name="Keyspace"/> from <paramref name="Region"/> did:
/// one entry per peer replica region, the keys it held and summarised, and the tombstones purged
/// everywhere because every replica held them alike past the grace period.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AntiEntropyReport(
    [property: Id(0)] string Keyspace,
    [property: Id(1)] string Region,
    [property: Id(2)] long StartedAtMs,
    [property: Id(3)] double DurationMs,
    [property: Id(4)] long LocalKeys,
    [property: Id(5)] ImmutableArray<PeerRepair> Peers,
    [property: Id(6)] int TombstonesPurged)
{
    /// <summary>Keys repaired with every peer.</summary>
    public int KeysRepaired => Peers.Sum(p => p.KeysRepaired);

    /// <summary>True when every peer was compared.</summary>
    public bool Succeeded => Peers.All(p => p.Succeeded);
}
