using GeoStore.Abstractions.Messages;

namespace GeoStore.Api.Apis;

/// <summary>One peer's part of a repair round: tree nodes exchanged, differing ranges, keys compared and repaired, or the error.</summary>
public sealed record PeerRepairView(
    string Peer, bool Succeeded, string? Error, int NodesExchanged, int RangesDiffering, int KeysCompared, int KeysRepaired, double DurationMs)
{
    public static PeerRepairView From(PeerRepair peer) => new(
        peer.Peer, peer.Succeeded, peer.Error, peer.NodesExchanged, peer.RangesDiffering, peer.KeysCompared, peer.KeysRepaired, Math.Round(peer.DurationMs, 1));
}
