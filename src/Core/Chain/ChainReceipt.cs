using GeoStore.Core.Versioning;

namespace GeoStore.Core.Chain;

/// <summary>Where a write landed in a key's chain history: its request id, sequence number and version.</summary>
[GenerateSerializer, Immutable]
public sealed record ChainReceipt(
    [property: Id(0)] Guid WriteId,
    [property: Id(1)] long Sequence,
    [property: Id(2)] WriteVersion Version);
