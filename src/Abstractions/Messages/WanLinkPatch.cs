namespace GeoStore.Abstractions.Messages;

/// <summary>A change to one WAN link: fields left null keep their current value.</summary>
[GenerateSerializer, Immutable]
public sealed record WanLinkPatch(
    [property: Id(0)] int? LatencyMs,
    [property: Id(1)] bool? Cut,
    [property: Id(2)] double? Loss);
