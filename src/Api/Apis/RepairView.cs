using GeoStore.Abstractions.Messages;

namespace GeoStore.Api.Apis;

/// <summary>
/// The answer of <c>POST /v1/admin/keyspaces/{name}/repair</c>: one anti-entropy round of the
/// keyspace from <paramref name="Region"/> against every other replica region, what each peer's
/// comparison found and repaired (or why it failed), and the tombstones purged everywhere.
/// </summary>
public sealed record RepairView(
    string Keyspace,
    string Region,
    string ServedBy,
    bool Succeeded,
    DateTimeOffset StartedAt,
    double DurationMs,
    long LocalKeys,
    int KeysRepaired,
    int TombstonesPurged,
    IReadOnlyList<PeerRepairView> Peers)
{
    public static RepairView From(AntiEntropyReport report, string servedBy) => new(
        report.Keyspace,
        report.Region,
        servedBy,
        report.Succeeded,
        DateTimeOffset.FromUnixTimeMilliseconds(report.StartedAtMs),
        Math.Round(report.DurationMs, 1),
        report.LocalKeys,
        report.KeysRepaired,
        report.TombstonesPurged,
        [.. report.Peers.Select(PeerRepairView.From)]);
}
