namespace GeoStore.Abstractions.Messages;

/// <summary>
/// One peer's part of an anti-entropy round: whether it could be compared (<paramref name="Error"/>
/// says why not), the tree nodes both sides sent and the differing leaf ranges found, the keys in
/// those ranges compared one by one, and the keys that differed and were repaired (on either side).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record PeerRepair(
    [property: Id(0)] string Peer,
    [property: Id(1)] bool Succeeded,
    [property: Id(2)] string? Error,
    [property: Id(3)] int NodesExchanged,
    [property: Id(4)] int RangesDiffering,
    [property: Id(5)] int KeysCompared,
    [property: Id(6)] int KeysRepaired,
    [property: Id(7)] double DurationMs);
